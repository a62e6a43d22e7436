// Progressive enhancement: the "#" link beside a heading also copies the section's address.
// Without JavaScript the link still works: it points at the section itself.
// The words come from the page (the script element's data attributes), in its language.
var enhanceWords = document.currentScript || document.querySelector('script[data-copied]');
(function () {
  var status = document.createElement('p');
  status.className = 'copy-status visually-hidden';
  status.setAttribute('role', 'status');
  // A live update leaves it in place (live.js), so that it is still heard afterwards.
  status.setAttribute('data-live-keep', '');
  document.body.appendChild(status);
  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a.heading-anchor') : null;
    if (!link || !navigator.clipboard) return;
    var url = link.href;
    navigator.clipboard.writeText(url).then(
      function () {
        status.textContent = enhanceWords.getAttribute('data-copied');
      },
      function () {
        status.textContent = '';
      },
    );
  });
})();

// Beside a time at the venue ("13:05 CEST"), the reader's own time when it differs, on
// loading and after each live update (live.js takes these additions away before it compares
// the page with the new version, and says "live-update" once it has put that on screen).
// Without JavaScript the venue's time stands alone.
(function () {
  var locale = document.documentElement.lang || undefined;
  var format = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  var venueDay = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  function addLocalTimes() {
    document.querySelectorAll('time[data-local-time]').forEach(function (el) {
      var when = new Date(el.getAttribute('datetime') || '');
      if (isNaN(when.getTime())) return;
      var offset = /([+-])(\d{2}):(\d{2})$/.exec(el.getAttribute('datetime') || '');
      var readerOffset = -when.getTimezoneOffset();
      if (offset) {
        var venueOffset =
          (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
        if (venueOffset === readerOffset) return;
      }
      var local = document.createElement('span');
      local.className = 'local-time';
      local.setAttribute('data-enhancement', '');
      var sameDay = venueDay.format(when) === (el.getAttribute('datetime') || '').slice(0, 10);
      var time = format.format(when) + (sameDay ? '' : ', ' + when.toLocaleDateString(locale));
      local.textContent =
        ' (' + enhanceWords.getAttribute('data-your-time').replace('{time}', time) + ')';
      el.insertAdjacentElement('afterend', local);
    });
  }
  addLocalTimes();
  document.addEventListener('live-update', addLocalTimes);
})();
