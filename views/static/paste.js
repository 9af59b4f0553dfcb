// paste: small progressive enhancements; every page works without this file.
// - line anchors: #L12 and shift-click ranges #L12-L20 highlighted and scrolled to
// - word wrap toggled in place (and remembered), language picker submits on change
// - a Copy button for the raw text
(() => {
  function parseRange(hash) {
    const m = /^#L(\d+)(?:-L?(\d+))?$/.exec(hash);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    return [Math.min(a, b), Math.max(a, b)];
  }

  function highlightRange(scroll) {
    for (const el of document.querySelectorAll('pre.code .line.hl')) el.classList.remove('hl');
    const range = parseRange(location.hash);
    if (!range) return;
    let first = null;
    for (let n = range[0]; n <= range[1]; n++) {
      const line = document.getElementById(`L${n}`);
      if (!line) break;
      line.classList.add('hl');
      first ??= line;
    }
    if (scroll && first) first.scrollIntoView({ block: 'center' });
  }

  let anchor = null;
  function onLineClick(event) {
    const link = event.target.closest('pre.code a.ln');
    if (!link) return;
    event.preventDefault();
    const n = Number(link.getAttribute('href').slice(2));
    const hash = event.shiftKey && anchor !== null && anchor !== n ? `#L${Math.min(anchor, n)}-L${Math.max(anchor, n)}` : `#L${n}`;
    if (!event.shiftKey) anchor = n;
    history.replaceState(null, '', hash);
    highlightRange(false);
  }

  function wrapToggle() {
    const toggle = document.getElementById('wrap-toggle');
    const view = document.querySelector('.view');
    if (!toggle || !view) return;
    const url = new URL(location.href);
    if (!url.searchParams.has('wrap') && localStorage.getItem('paste.wrap') === '1') view.classList.add('wrap');
    const label = () => {
      toggle.textContent = view.classList.contains('wrap') ? 'No wrap' : 'Wrap lines';
    };
    label();
    toggle.addEventListener('click', (event) => {
      event.preventDefault();
      view.classList.toggle('wrap');
      localStorage.setItem('paste.wrap', view.classList.contains('wrap') ? '1' : '0');
      label();
    });
  }

  function autosubmit() {
    for (const select of document.querySelectorAll('select[data-autosubmit]')) {
      select.addEventListener('change', () => select.form.requestSubmit());
      for (const button of select.form.querySelectorAll('[data-js-hide]')) button.hidden = true;
    }
  }

  function copyButtons() {
    if (!navigator.clipboard) return;
    for (const button of document.querySelectorAll('button[data-copy]')) {
      button.hidden = false;
      button.addEventListener('click', async () => {
        const res = await fetch(button.dataset.copy);
        if (!res.ok) return;
        await navigator.clipboard.writeText(await res.text());
        button.textContent = 'Copied';
        setTimeout(() => {
          button.textContent = 'Copy';
        }, 1500);
      });
    }
  }

  function start() {
    highlightRange(true);
    wrapToggle();
    autosubmit();
    copyButtons();
    document.addEventListener('click', onLineClick);
    window.addEventListener('hashchange', () => highlightRange(true));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
