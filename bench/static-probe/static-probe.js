/* global document, location */
// The fastest possible page for the same answer: fetch the JSON through the console server and
// print the status. The deep-link benchmark compares the console against this. `?api=<path>`
// names another /api path; for a list answer the first entity's status is printed.
const api = new URLSearchParams(location.search).get('api') ?? '/api/rtr/v2/processes/46069000';
fetch(api)
  .then((response) => response.json())
  .then((answer) => {
    const first = Array.isArray(answer.entities) ? answer.entities[0] : answer;
    const status = document.createElement('p');
    status.dataset.status = first.status;
    status.textContent = first.status;
    document.body.append(status);
  });
