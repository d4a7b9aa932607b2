// defspend serve: the form updates the page in place (the page works the
// same without this script: the form is a plain GET).
"use strict";
(function () {
  function settings(form) {
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (String(value).trim() !== "") query.append(key, String(value).trim());
    }
    return query.toString();
  }
  async function show(url, push) {
    const main = document.querySelector("main");
    main.setAttribute("aria-busy", "true");
    try {
      const answer = await fetch(url, { headers: { Accept: "text/html" } });
      const page = new DOMParser().parseFromString(await answer.text(), "text/html");
      const fresh = page.querySelector("main");
      if (!fresh) { window.location.href = url; return; }
      main.replaceWith(fresh);
      document.title = page.title;
      if (push) history.pushState({}, "", url);
      bind();
    } catch (e) {
      window.location.href = url;
    }
  }
  function bind() {
    const form = document.querySelector("form.settings");
    if (!form) return;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const query = settings(form);
      show(form.getAttribute("action") + (query ? "?" + query : ""), true);
    });
  }
  window.addEventListener("popstate", () => show(window.location.href, false));
  bind();
})();
