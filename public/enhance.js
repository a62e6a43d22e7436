// Progressive enhancement: the "#" link beside a heading also copies the section's address.
// Without JavaScript the link still works: it points at the section itself.
(function () {
  var status = document.createElement('p');
  status.className = 'copy-status visually-hidden';
  status.setAttribute('role', 'status');
  document.body.appendChild(status);
  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a.heading-anchor') : null;
    if (!link || !navigator.clipboard) return;
    var url = link.href;
    navigator.clipboard.writeText(url).then(
      function () {
        status.textContent = 'Link to this section copied';
      },
      function () {
        status.textContent = '';
      },
    );
  });
})();
