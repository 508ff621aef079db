/*
 * Enchanted link: this page asked for numbered links by email; it now asks the filter's poll endpoint, every
 * two seconds, whether the right link was clicked. When it was, the filter has signed this browser in and
 * answers {"status":"done","next":"/path"}, and the page moves on to that path. Same-origin requests only.
 */
(function () {
  'use strict';
  var box = document.getElementById('enchanted');
  var status = document.getElementById('enchanted-status');
  if (!box || !status || !window.fetch) {
    return;
  }
  var pollUrl = box.getAttribute('data-poll-url');
  var baseUrl = box.getAttribute('data-base-url');

  function isLocalPath(path) {
    return typeof path === 'string' && /^\/(?![\/\\])/.test(path);
  }

  function stop(message) {
    status.textContent = message;
    status.className = 'error';
  }

  function poll() {
    fetch(pollUrl, { credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) { return { code: response.status, body: body }; });
      })
      .then(function (answer) {
        var state = answer.body && answer.body.status;
        if (state === 'done') {
          status.textContent = 'Signed in. One moment…';
          window.location.assign(baseUrl + (isLocalPath(answer.body.next) ? answer.body.next : '/'));
        } else if (state === 'pending') {
          setTimeout(poll, answer.code === 200 ? 2000 : 5000);
        } else if (state === 'expired') {
          stop('These links have expired. Please ask for new ones.');
        } else {
          stop('This browser is no longer waiting for a link. Please start again.');
        }
      })
      .catch(function () {
        setTimeout(poll, 5000);
      });
  }

  setTimeout(poll, 1500);
}());
