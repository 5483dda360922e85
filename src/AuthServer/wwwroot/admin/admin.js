// AuthServer admin console. The pages work without this script; it only adds the copy buttons.
// A copy button is <button type="button" data-copy-target="ID" hidden>Copy</button>: it copies the text of the
// element with that id. Buttons are hidden in the HTML and shown here, so without JavaScript none is left dead.
"use strict";

(function () {
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain HTTP (a developer's machine): the older way, through a selected, off-screen text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "copy-buffer";
      document.body.appendChild(area);
      area.select();
      var copied = document.execCommand("copy");
      document.body.removeChild(area);
      if (copied) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  function onClick(event) {
    var button = event.currentTarget;
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) { return; }
    var label = button.textContent;
    var text = "value" in target && target.tagName !== "BUTTON" ? target.value : target.textContent;
    copyText(text).then(function () {
      button.textContent = "Copied";
    }, function () {
      button.textContent = "Copy failed: select and copy by hand";
    }).then(function () {
      setTimeout(function () { button.textContent = label; }, 2000);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var buttons = document.querySelectorAll("button[data-copy-target]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", onClick);
    }
  });
})();
