// Progressive enhancement for pages of an election that is upcoming or being voted on: poll
// the election's tiny version document and, when a newer version appears, fetch this page and
// swap in the sections that changed, keeping the scroll position and focus, and announce it.
// Where the server offers a stream of the same documents (data-live-stream, for readers that
// reach it directly), listen to it instead, and poll again if it fails or is refused.
// Versions are ordered: the page only ever moves forward, whichever server answers.
// Without JavaScript the page says when it was last updated and links to itself to reload.
(function () {
  var status = document.querySelector('[data-live]');
  var main = document.getElementById('main');
  var announcer = document.getElementById('live-announcer');
  if (!status || !main || !announcer || !window.fetch || !window.DOMParser) return;
  var source = status.getAttribute('data-live');
  var poll = Number(status.getAttribute('data-live-poll')) * 1000 || 1000;
  // The version on screen, and the newest any server has told us about.
  var shown = {
    seq: Number(main.getAttribute('data-live-seq')),
    hash: main.getAttribute('data-live-hash'),
  };
  var wanted = null;
  var attempt = 0;
  var failures = 0;
  var timer = null;
  var stopped = false;

  // The page's locale, as the server writes dates and times in it (src/i18n/lang.ts, format.ts).
  var LOCALES = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

  // "13:05 CET", "30 June 2025 at 13:05 CEST"; "13 h 05 (UTC+1)", "1er octobre 2025 à 2 h 30
  // (UTC+2)"; "13:05 (CET)", "30 de junio de 2025 a las 13:05 (CEST)": as the server says it,
  // in the reader's own time zone, with the day unless it is the reader's today.
  function readerTime(when, lang) {
    var locale = LOCALES[lang] || LOCALES.en;
    var parts = {};
    new Intl.DateTimeFormat(locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(when)
      .forEach(function (p) {
        parts[p.type] = p.value;
      });
    var clock =
      lang === 'fr'
        ? Number(parts.hour) + '\u00a0h\u00a0' + parts.minute
        : parts.hour + ':' + parts.minute;
    var time = clock + (lang === 'en' ? ' ' + parts.timeZoneName : ' (' + parts.timeZoneName + ')');
    if (when.toDateString() === new Date().toDateString()) return time;
    var day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' })
      .format(when)
      .replace(/^1 /, lang === 'fr' ? '1er ' : '1 ');
    var at =
      lang === 'fr' ? ' à ' : lang === 'es' ? (parts.hour === '01' ? ' a la ' : ' a las ') : ' at ';
    return day + at + time;
  }

  function localTimes() {
    var time = document.querySelector('.live-status time');
    if (!time || !window.Intl) return;
    var when = new Date(time.getAttribute('datetime'));
    if (isNaN(when.getTime())) return;
    var lang = document.documentElement.lang;
    time.textContent = readerTime(when, LOCALES[lang] ? lang : 'en');
  }

  function schedule(delay) {
    clearTimeout(timer);
    if (!stopped && !stream && !document.hidden) timer = setTimeout(tick, delay);
  }

  // A version document, from a poll or the stream: true when it is newer than the page.
  function newer(doc) {
    if (!doc || typeof doc.seq !== 'number' || typeof doc.hash !== 'string') return false;
    if (doc.hash === shown.hash) {
      // The same content, numbered by another server: nothing to fetch.
      shown.seq = Math.max(shown.seq, doc.seq);
      if (doc.poll === 0) stop();
      return false;
    }
    if (doc.seq <= shown.seq) return false; // an older server: never go back
    if (!wanted || doc.seq > wanted.seq) {
      wanted = doc;
      attempt = 0;
    }
    return true;
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    clearTimeout(streamTimer);
    if (stream) stream.close();
  }

  function tick() {
    fetch(source, { headers: { accept: 'application/json' } })
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (doc) {
        failures = 0;
        if (newer(doc)) return update();
      })
      .catch(function () {
        failures = Math.min(failures + 1, 5);
      })
      .then(function () {
        schedule(poll * Math.pow(2, failures));
      });
  }

  // The stream: each message is a version document. One update at a time; a version the
  // page could not show yet (a server still on the older one) is tried again a poll later.
  var stream = null;
  var busy = false;
  // After a stream fails, the page polls, and asks for a stream again later: 10 s, then twice
  // as long each time up to 5 minutes (spread, so refused readers do not come back together).
  var streamFailures = 0;
  var streamTimer = null;
  function listen(url) {
    clearTimeout(timer);
    stream = new EventSource(url);
    stream.onopen = function () {
      streamFailures = 0;
    };
    stream.onmessage = function (event) {
      var doc = null;
      try {
        doc = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (newer(doc) && !busy) pump();
    };
    // Refused (every stream taken), dropped or unreachable: poll the version document instead.
    stream.onerror = function () {
      stream.close();
      stream = null;
      if (stopped) return;
      schedule(0);
      var delay = 10000 * Math.pow(2, Math.min(streamFailures, 5));
      streamFailures += 1;
      clearTimeout(streamTimer);
      streamTimer = setTimeout(
        function () {
          if (!stopped && !stream) listen(url);
        },
        Math.min(delay, 300000) * (0.5 + Math.random()),
      );
    };
  }

  function pump() {
    busy = true;
    update()
      .catch(function () {
        return null;
      })
      .then(function () {
        busy = false;
        if (!stream || stopped || !wanted || !(wanted.seq > shown.seq)) return;
        // A newer version came meanwhile: now; the same one not shown yet: a poll later.
        if (attempt === 0) pump();
        else
          setTimeout(function () {
            if (stream && !busy && wanted) pump();
          }, poll);
      });
  }

  function update() {
    var target = wanted;
    attempt += 1;
    // A URL of its own per version, so that no cache answers with the page it already had.
    var url = location.pathname + '?live=' + target.seq + (attempt > 1 ? '-' + attempt : '');
    return fetch(url, { headers: { accept: 'text/html' } })
      .then(function (res) {
        return res.ok ? res.text() : null;
      })
      .then(function (html) {
        if (!html) return;
        var next = new DOMParser().parseFromString(html, 'text/html');
        var nextMain = next.getElementById('main');
        if (!nextMain) return;
        var seq = Number(nextMain.getAttribute('data-live-seq'));
        var hash = nextMain.getAttribute('data-live-hash');
        // A server still on an older version answered: keep what is shown, try again later.
        if (!(seq > shown.seq) || hash === shown.hash) return;
        var before = document.getElementById('main').getAttribute('data-live-headline');
        var changed = swap(next);
        shown = { seq: seq, hash: hash };
        if (wanted && seq >= wanted.seq) wanted = null;
        var headline = nextMain.getAttribute('data-live-headline');
        // The headline comes worded in the page's language (every live page has one). It is
        // said again only when the page says something new: a version may change nothing in
        // this language but the time of the last update (a save to another language's text).
        if (headline && (changed || headline !== before)) announcer.textContent = headline + '.';
        if (!next.querySelector('[data-live]')) stop();
      });
  }

  // Elements to leave alone: scripts, and the announcer (it must stay in place to be heard).
  function children(element) {
    return Array.prototype.filter.call(element.children, function (child) {
      return child.tagName !== 'SCRIPT' && !child.hasAttribute('data-live-keep');
    });
  }

  // Attributes but the version marks, which change with every version.
  function attributes(element) {
    return Array.prototype.filter
      .call(element.attributes, function (attribute) {
        return attribute.name.indexOf('data-live-') !== 0;
      })
      .map(function (attribute) {
        return attribute.name + '=' + attribute.value;
      })
      .sort()
      .join('\n');
  }

  function sameShell(a, b) {
    if (a.tagName !== b.tagName || attributes(a) !== attributes(b)) return false;
    if (a.childNodes.length !== b.childNodes.length) return false;
    for (var j = 0; j < a.childNodes.length; j++) {
      var x = a.childNodes[j];
      var y = b.childNodes[j];
      if (x.nodeType !== y.nodeType) return false;
      if (x.nodeType === 1 ? x.tagName !== y.tagName : !x.isEqualNode(y)) return false;
    }
    return true;
  }

  // What changed outside the live line, whose time of the last update changes with every version.
  var changes = 0;
  function changing(element) {
    if (!element.closest || !element.closest('[data-live]')) changes += 1;
  }

  // Replaces only what changed: equal sections stay as they are (with any focus inside them).
  function patch(from, to, depth) {
    var a = children(from);
    var b = children(to);
    var aligned =
      a.length === b.length &&
      a.every(function (child, i) {
        return child.tagName === b[i].tagName;
      });
    if (!aligned) {
      var anchor = a.length ? a[a.length - 1].nextSibling : null;
      changing(from);
      a.forEach(function (child) {
        child.remove();
      });
      b.forEach(function (child) {
        from.insertBefore(document.importNode(child, true), anchor);
      });
      return;
    }
    a.forEach(function (child, i) {
      if (child.isEqualNode(b[i])) return;
      if (depth < 6 && sameShell(child, b[i])) return patch(child, b[i], depth + 1);
      changing(child);
      child.replaceWith(document.importNode(b[i], true));
    });
  }

  // Where the focus was, in terms that survive the swap: an id, a link's address and words,
  // or else the element's place among those of its kind.
  function locate(element) {
    if (!element || element === document.body) return null;
    if (element.id) return { id: element.id };
    var href = element.getAttribute('href');
    if (href !== null) return { href: href, text: element.textContent };
    var same = document.querySelectorAll(element.tagName);
    return { tag: element.tagName, index: Array.prototype.indexOf.call(same, element) };
  }

  function find(where) {
    if (where.id) return document.getElementById(where.id);
    if (where.href !== undefined) {
      var links = document.querySelectorAll('[href]');
      for (var i = 0; i < links.length; i++) {
        if (links[i].getAttribute('href') === where.href && links[i].textContent === where.text)
          return links[i];
      }
      return null;
    }
    return document.querySelectorAll(where.tag)[where.index];
  }

  // Puts the new version on screen; returns whether anything changed but the live line.
  function swap(next) {
    var x = window.scrollX;
    var y = window.scrollY;
    var focused = document.activeElement;
    var where = locate(focused);
    changes = document.title === next.title ? 0 : 1;
    document.title = next.title;
    // What other scripts added (enhance.js: the reader's own times) is not in the new version:
    // taken away, the page compares equal where nothing changed, and it is added again below.
    document.querySelectorAll('[data-enhancement]').forEach(function (added) {
      added.remove();
    });
    patch(document.body, next.body, 0);
    // Copy the version marks of the new main (the element itself stays).
    ['data-live-seq', 'data-live-hash', 'data-live-headline'].forEach(function (name) {
      var nextMain = next.getElementById('main');
      var value = nextMain && nextMain.getAttribute(name);
      var current = document.getElementById('main');
      if (current && value !== null) current.setAttribute(name, value);
    });
    if (focused && !document.contains(focused) && where) {
      var again = find(where);
      if (again && again.focus) again.focus({ preventScroll: true });
    }
    document.dispatchEvent(new Event('live-update'));
    if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
    localTimes();
    return changes > 0;
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden) schedule(0);
    else clearTimeout(timer);
  });
  localTimes();
  var offered = status.getAttribute('data-live-stream');
  if (offered && window.EventSource) listen(offered);
  else schedule(poll);
})();
