// Draws every figure of the report; writes the timeline's hover texts and lists a mark's
// events when it is clicked. Everything comes from the JSON block in the page: no fetch.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var timeline = data.timeline;
  var narrow = window.matchMedia("(max-width: 700px)").matches;
  var HOVER_NAMES = 6;
  var config = {
    responsive: true,
    displaylogo: false,
    // The zoom and picture buttons appear on hover; on a phone they would cover the legend.
    displayModeBar: narrow ? false : "hover",
    modeBarButtonsToRemove: ["select2d", "lasso2d", "autoScale2d"],
    toImageButtonOptions: { format: "png", scale: 2 }
  };

  function escape(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function shorten(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit - 1) + "\u2026";
  }

  // An event is [name, place (index into names, or -1), participants (indices), sources].
  function who(event) {
    return event[2].map(function (i) { return timeline.names[i]; }).join(", ");
  }

  function place(event) {
    return event[1] < 0 ? "place unknown" : timeline.names[event[1]];
  }

  // Hover text of a timeline mark: the event itself, or the first few of a group.
  function markHover(index) {
    var mark = timeline.marks[index];
    var members = mark[3];
    if (members.length === 1) {
      var e = timeline.events[members[0]];
      var sources = e[3].length;
      return [
        "<b>" + escape(shorten(e[0], 80)) + "</b>",
        escape(mark[0] + ", " + mark[2]),
        escape(shorten(place(e), 80)),
        escape(shorten(who(e) || "participants unknown", 110)),
        sources + " source document" + (sources === 1 ? "" : "s") + " (click to list)"
      ].join("<br>");
    }
    var where = mark[1] === "day" ? " on " : " in ";
    var lines = ["<b>" + members.length + " \u00d7 " + escape(mark[0]) + where + escape(mark[2]) + "</b>"];
    members.slice(0, HOVER_NAMES).forEach(function (i) {
      lines.push("\u00b7 " + escape(shorten(timeline.events[i][0], 70)));
    });
    if (members.length > HOVER_NAMES) {
      lines.push("\u2026 and " + (members.length - HOVER_NAMES) + " more");
    }
    lines.push("click to list them with their sources");
    return lines.join("<br>");
  }

  var drawn = [];
  Object.keys(data.figures).forEach(function (id) {
    var figure = data.figures[id];
    var element = document.getElementById("chart-" + id);
    var layout = figure.layout || {};
    if (id === "timeline") {
      figure.data.forEach(function (trace) {
        trace.hovertext = (trace.customdata || []).map(markHover);
      });
    }
    if (narrow && layout.height) {
      // Phones: shorter charts, so that one fits on the screen with its title.
      layout.height = Math.max(260, Math.round(layout.height * 0.8));
    }
    drawn.push(
      Plotly.newPlot(element, figure.data, layout, config).then(function () {
        element.setAttribute("data-rendered", "true");
      })
    );
  });
  var ready = Promise.all(drawn).then(function () {
    document.body.setAttribute("data-charts-rendered", String(drawn.length));
  });

  var chart = document.getElementById("chart-timeline");
  var details = document.getElementById("event-details");
  if (!chart || !details) {
    return;
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  function sourceItem(index) {
    var doc = timeline.documents[index];
    var item = element("li");
    var link = timeline.prefixes[doc[2]] + doc[3];
    if (/^https?:\/\//.test(link)) {
      var a = element("a", doc[0]);
      a.href = link;
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      item.appendChild(a);
    } else {
      item.appendChild(element("span", doc[0]));
      if (link && link !== doc[0]) {
        item.appendChild(element("span", " (" + link + ")", "what"));
      }
    }
    item.appendChild(element("span", ", " + doc[1], "what"));
    return item;
  }

  function show(index) {
    var mark = timeline.marks[index];
    if (!mark) {
      return;
    }
    details.replaceChildren();
    var count = mark[3].length;
    details.appendChild(
      element("p", count + (count === 1 ? " event: " : " events: ") + mark[0] + ", " + mark[2], "what")
    );
    mark[3].forEach(function (eventIndex) {
      var e = timeline.events[eventIndex];
      var box = element("div", null, "event");
      box.appendChild(element("h3", e[0]));
      box.appendChild(element("div", [mark[0], mark[2], place(e)].join(" \u00b7 "), "what"));
      box.appendChild(element("div", "Taking part: " + (who(e) || "unknown")));
      box.appendChild(element("div", "Sources:", "what"));
      var list = element("ul");
      e[3].forEach(function (doc) {
        list.appendChild(sourceItem(doc));
      });
      box.appendChild(list);
      details.appendChild(box);
    });
    details.scrollTop = 0;
  }

  ready.then(function () {
    chart.on("plotly_click", function (event) {
      if (event && event.points && event.points.length) {
        show(event.points[0].customdata);
        details.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    });
  });
  // Lets a keyboard or a test open a mark without a pointer.
  window.diploShowMark = show;
})();
