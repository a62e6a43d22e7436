// Development only: reload the page when the server has new content (or new problems).
(function () {
  if (!('EventSource' in window)) return;
  var source = new EventSource('/__dev/events');
  source.addEventListener('reload', function () {
    window.location.reload();
  });
})();
