// scaleready serve: save a section's answers as they change, so that an answer chosen is not
// lost when a tab is closed before "Save". Only an enhancement: every page works without it.
(function () {
  "use strict";
  var form = document.querySelector("form.answers");
  if (!form || !window.fetch || !window.FormData || !window.URLSearchParams) {
    return;
  }
  var status = document.getElementById("autosave");
  var timer = null;
  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }
  function save() {
    var data = new FormData(form);
    data.set("go", "stay");
    fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(data),
      credentials: "same-origin",
      redirect: "manual"
    }).then(function (response) {
      // A save answers with a redirect (opaque here) or, when more questions now apply, 200.
      var saved = response.type === "opaqueredirect" || response.ok;
      say(saved ? "Saved." : "Not saved: press Save to see why.");
    }).catch(function () {
      say("Not saved: the server cannot be reached. Your answers stay on this page.");
    });
  }
  form.addEventListener("change", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 250);
  });
})();
