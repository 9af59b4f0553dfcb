// tailyard: the suite's one shared script; every page works without it.
// Local times: a <time class="local" datetime="…"> (views/local-time.tsx) is rendered in UTC by
// the server; here it is shown in the viewer's time zone and locale, with the UTC instant kept in
// its title. Content htmx swaps in (paste's live search, links' search) gets the same treatment,
// so one page never shows two formats.
(() => {
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

  function localise(root) {
    for (const el of root.querySelectorAll('time.local[datetime]')) {
      if (el.dataset.localised) continue;
      const d = new Date(el.getAttribute('datetime'));
      if (Number.isNaN(d.getTime())) continue;
      // A date without a time of day is a calendar date: shown as such, not shifted into a zone.
      el.textContent = el.hasAttribute('data-date') ? dateOnly.format(d) : format.format(d);
      el.dataset.localised = '1';
    }
  }

  const start = () => localise(document);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
  document.addEventListener('htmx:load', (event) => localise(event.target));
})();
