// Development only: reload the page when the server has new content (or new problems), and
// show the time of the check in the editor's own time zone.
(function () {
  var times = document.querySelectorAll('.dev-problems time[datetime]');
  for (var i = 0; i < times.length; i++) {
    var at = new Date(times[i].getAttribute('datetime'));
    if (!isNaN(at.getTime())) times[i].textContent = at.toLocaleTimeString();
  }
  if (!('EventSource' in window)) return;
  var source = new EventSource('/__dev/events');
  source.addEventListener('reload', function () {
    window.location.reload();
  });
})();
