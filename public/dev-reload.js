// Development only: reload the page when the server has new content (or new problems), and
// show the time of the check in the editor's own time zone.
(function () {
  var times = document.querySelectorAll('.dev-problems time[datetime]');
  for (var i = 0; i < times.length; i++) {
    var at = new Date(times[i].getAttribute('datetime'));
    if (!isNaN(at.getTime())) times[i].textContent = at.toLocaleTimeString();
  }
  // A button beside each location copies it, for editors other than VS Code.
  if (navigator.clipboard) {
    var locations = document.querySelectorAll('.dev-problems .location');
    for (var j = 0; j < locations.length; j++) {
      (function (location) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'copy-location';
        button.textContent = 'Copy location';
        button.addEventListener('click', function () {
          navigator.clipboard.writeText(location.textContent).then(function () {
            button.textContent = 'Copied';
          });
        });
        location.insertAdjacentElement('afterend', button);
      })(locations[j]);
    }
  }
  if (!('EventSource' in window)) return;
  var source = new EventSource('/__dev/events');
  source.addEventListener('reload', function () {
    window.location.reload();
  });
})();
