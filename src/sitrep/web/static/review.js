/* sitrep review mode: confirm / reject / correct controls on the event panel.
 *
 * Loaded only by the page `sitrep serve --review` serves (sitrep/web/review.py),
 * which puts this session's token and the reviewer's name in two <meta> tags.
 * Every write sends the token in X-Sitrep-Token; the server also checks the
 * origin. The panel itself belongs to the dashboard: it dispatches
 * `sitrep:event-shown` ({event_id, panel}) whenever it shows an event, and this
 * file only appends its own box to that panel. As in the rest of the page,
 * stored strings only ever become text nodes.
 */
(function () {
  "use strict";

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : "";
  }
  var TOKEN = meta("sitrep-review-token");
  var REVIEWER = meta("sitrep-reviewer");
  if (!TOKEN) return;  // not review mode

  var schema = null;  // {fields: {name: {kind}}, taxonomy: {type: [sub types]}}
  var seq = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function button(cls, text, onClick) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  function call(method, path, body) {
    var opts = { method: method, headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.headers["X-Sitrep-Token"] = TOKEN;
      opts.body = JSON.stringify(body);
    }
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error(data.error || ("HTTP " + r.status));
        return data;
      });
    });
  }
  function loadSchema() {
    if (schema) return Promise.resolve(schema);
    return call("GET", "/api/review/session").then(function (s) { schema = s; return s; });
  }
  function brief(fields) {
    return Object.keys(fields || {}).filter(function (k) { return k !== "place_id"; }).sort()
      .map(function (k) { return k + " = " + (fields[k] === null ? "(empty)" : fields[k]); }).join("; ");
  }

  /* The state line and history list of one event's reviews. */
  function renderState(box, view) {
    var line = box.querySelector(".review-state");
    var st = view.state;
    if (!st) {
      line.textContent = "not reviewed";
    } else {
      line.textContent = st.action + " by " + st.reviewer + (st.agreement ? " (" + st.agreement + ")" : "") +
        (brief(st.fields) ? ": " + brief(st.fields) : "");
    }
    box.dataset.action = st ? st.action : "";
    var list = box.querySelector(".review-history");
    while (list.firstChild) list.removeChild(list.firstChild);
    view.history.forEach(function (h) {
      var text = h.created_at + " · " + h.reviewer + " · " + h.action + (brief(h.fields) ? " · " + brief(h.fields) : "") +
        (h.note ? " · “" + h.note + "”" : "");
      list.appendChild(el("li", null, text));
    });
  }

  /* Suggestions under an input, from a look-up endpoint; picking one calls choose(item). */
  function autocomplete(input, url, label, choose) {
    var list = el("ul", "review-suggest");
    var timer = null, asked = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { while (list.firstChild) list.removeChild(list.firstChild); return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        call("GET", url + "?q=" + encodeURIComponent(q)).then(function (res) {
          if (mine !== asked) return;
          while (list.firstChild) list.removeChild(list.firstChild);
          res.items.forEach(function (item) {
            var li = el("li");
            li.appendChild(button("linkish review-pick", label(item), function () {
              choose(item);
              while (list.firstChild) list.removeChild(list.firstChild);
            }));
            list.appendChild(li);
          });
        }).catch(function () { /* a failed look-up leaves the typed value */ });
      }, 200);
    });
    return list;
  }

  /* The correction form: a field, its value (with look-ups for places and actors), save. */
  function correctionForm(box, eventId, note, done) {
    var form = el("div", "review-form");
    var field = el("select", "review-field");
    Object.keys(schema.fields).forEach(function (name) {
      var o = el("option", null, name);
      o.value = name;
      field.appendChild(o);
    });
    var value = el("input", "review-value");
    value.type = "text";
    value.setAttribute("aria-label", "corrected value");
    var chosen = el("span", "review-chosen");
    var placeId = null;
    var suggest = el("div", "review-suggest-box");
    var options = el("datalist");
    options.id = "review-options-" + (++seq);
    value.setAttribute("list", options.id);

    function setup() {
      var kind = schema.fields[field.value].kind;
      value.value = "";
      placeId = null;
      chosen.textContent = "";
      while (suggest.firstChild) suggest.removeChild(suggest.firstChild);
      while (options.firstChild) options.removeChild(options.firstChild);
      value.type = kind === "date" ? "date" : "text";
      value.placeholder = kind === "location" ? "type a place name, then pick it (or LAT,LON)" :
        kind === "actor" ? "type an actor name" : kind;
      var vocab = kind === "event_type" ? Object.keys(schema.taxonomy) :
        kind === "sub_event_type" ? [].concat.apply([], Object.keys(schema.taxonomy).map(function (t) { return schema.taxonomy[t]; })) : [];
      vocab.forEach(function (v) { var o = el("option"); o.value = v; options.appendChild(o); });
      if (kind === "location") {
        suggest.appendChild(autocomplete(value, "/api/review/places", function (p) {
          return p.name + " (" + [p.admin2, p.admin1, p.country].filter(Boolean).join(", ") + ")";
        }, function (p) {
          placeId = p.place_id;
          value.value = p.name;
          chosen.textContent = " → " + p.place_id;
        }));
      } else if (kind === "actor") {
        suggest.appendChild(autocomplete(value, "/api/review/actors", function (a) {
          return a.name + " (inter " + a.inter + ")";
        }, function (a) { value.value = a.name; }));
      }
    }
    field.addEventListener("change", setup);
    value.addEventListener("input", function () { if (placeId) { placeId = null; chosen.textContent = ""; } });

    var save = button("review-save", "Save correction", function () {
      var fields = {};
      var kind = schema.fields[field.value].kind;
      fields[field.value] = kind === "location" ? (placeId || value.value.trim()) : value.value;
      done({ action: "correct", fields: fields, note: note.value || null });
    });
    form.appendChild(field);
    form.appendChild(value);
    form.appendChild(options);
    form.appendChild(chosen);
    form.appendChild(save);
    form.appendChild(suggest);
    setup();
    return form;
  }

  function show(eventId, panel) {
    var old = panel.querySelector(".review-box");
    if (old) old.parentNode.removeChild(old);
    var box = el("section", "review-box");
    box.setAttribute("aria-label", "review");
    box.dataset.eventId = eventId;
    box.appendChild(el("h2", null, "Review (as " + REVIEWER + ")"));
    box.appendChild(el("p", "review-state", "loading…"));
    var note = el("input", "review-note");
    note.type = "text";
    note.placeholder = "note (why)";
    note.maxLength = 2000;
    var msg = el("p", "review-msg");
    var formSlot = el("div", "review-form-slot");

    function send(body) {
      msg.textContent = "saving…";
      return call("POST", "/api/review/events/" + encodeURIComponent(eventId), body).then(function (view) {
        msg.textContent = "saved";
        note.value = "";
        while (formSlot.firstChild) formSlot.removeChild(formSlot.firstChild);
        renderState(box, view);
      }).catch(function (e) { msg.textContent = "not saved: " + e.message; });
    }
    var actions = el("div", "review-actions");
    actions.appendChild(button("review-confirm", "Confirm", function () { send({ action: "confirm", note: note.value || null }); }));
    actions.appendChild(button("review-reject", "Reject", function () { send({ action: "reject", note: note.value || null }); }));
    actions.appendChild(button("review-correct", "Correct…", function () {
      loadSchema().then(function () {
        while (formSlot.firstChild) formSlot.removeChild(formSlot.firstChild);
        formSlot.appendChild(correctionForm(box, eventId, note, send));
      }).catch(function (e) { msg.textContent = "error: " + e.message; });
    }));
    box.appendChild(actions);
    box.appendChild(note);
    box.appendChild(formSlot);
    box.appendChild(msg);
    box.appendChild(el("ul", "review-history"));
    panel.appendChild(box);
    call("GET", "/api/review/events/" + encodeURIComponent(eventId)).then(function (view) {
      renderState(box, view);
    }).catch(function (e) { box.querySelector(".review-state").textContent = "error: " + e.message; });
  }

  document.addEventListener("sitrep:event-shown", function (e) {
    if (e.detail && e.detail.event_id && e.detail.panel) show(e.detail.event_id, e.detail.panel);
  });
})();
