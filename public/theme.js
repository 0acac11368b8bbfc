// Runs before the stylesheet paints anything (a classic, synchronous script in <head>; the CSP
// allows no inline script), so a cold load never flashes the wrong theme. The choice is
// "light", "dark" or "system" (the default), stored by src/lib/use-theme.ts under the same key.
/* global window, document */
(function () {
  var choice = 'system';
  try {
    choice = JSON.parse(window.localStorage.getItem('registrar-console:theme')) || 'system';
  } catch {
    // No storage (private mode) or a corrupt entry: follow the system.
  }
  var dark =
    choice === 'dark' ||
    (choice !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
})();
