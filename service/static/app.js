/* meetgraph: a little progressive enhancement. Every page works without this file.
 * - search boxes marked data-autocomplete suggest names from /api/search (ARIA combobox);
 * - the query editor runs its query on Ctrl+Enter (Cmd+Enter on a Mac). */
(function () {
  "use strict";

  function autocomplete(input) {
    var form = input.form;
    var list = document.createElement("ul");
    var items = [];
    var active = -1;
    var timer = null;
    var latest = 0;
    list.className = "suggestions";
    list.id = input.id + "-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      active = index;
      for (var i = 0; i < list.children.length; i++) {
        list.children[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (result, i) {
        var option = document.createElement("li");
        var name = document.createElement("span");
        var kind = document.createElement("span");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        name.textContent = result.label;
        kind.className = "kind";
        kind.textContent = result.kindName;
        option.appendChild(name);
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          window.location.href = result.href;
        });
        list.appendChild(option);
      });
      active = -1;
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
    }

    function suggest() {
      var text = input.value.trim();
      var ticket = ++latest;
      if (text.length < 2) {
        show([]);
        return;
      }
      fetch("/api/search?limit=8&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) { show(data.results || []); } })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.href = items[active].href;
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
  }

  function editor(form) {
    var textarea = form.querySelector("textarea");
    if (!textarea) { return; }
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        var format = form.querySelector("select[name=format]");
        if (format && !format.value) { format.value = "html"; }
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-autocomplete]"), autocomplete);
  Array.prototype.forEach.call(document.querySelectorAll("form[data-editor]"), editor);
})();
