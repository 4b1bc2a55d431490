/* Wijkportaal's small enhancements. Every page works without them: the server checks every field, and a
   wide table scrolls in its box anyway. */
(function () {
  "use strict";

  // A counter under each text field with a maximum length ("12/200 tekens"): the browser silently cuts
  // what is typed or pasted beyond it, and the counter makes that visible.
  function teller(veld) {
    var max = parseInt(veld.getAttribute("maxlength"), 10);
    if (!(max > 0) || !veld.id) {
      return;
    }
    var regel = document.createElement("p");
    regel.className = "teller";
    regel.id = veld.id + "-teller";
    var telling = document.createElement("span");
    var uitleg = document.createElement("span");
    var melding = document.createElement("span"); // read out when the limit is reached, not per key
    melding.className = "visually-hidden";
    melding.setAttribute("aria-live", "polite");
    regel.append(telling, uitleg);
    veld.insertAdjacentElement("afterend", regel);
    regel.insertAdjacentElement("afterend", melding);
    var beschreven = veld.getAttribute("aria-describedby");
    veld.setAttribute("aria-describedby", (beschreven ? beschreven + " " : "") + regel.id);
    var afgekapt = false;

    function toon() {
      var aantal = veld.value.length;
      var vol = aantal >= max;
      telling.textContent = aantal + "/" + max + " tekens";
      uitleg.textContent = afgekapt
        ? ": de geplakte tekst was te lang, alleen de eerste " + max + " tekens zijn overgenomen."
        : vol
          ? ": het maximum is bereikt."
          : "";
      regel.classList.toggle("vol", vol);
      melding.textContent = vol ? aantal + " van " + max + " tekens" + uitleg.textContent : "";
    }

    veld.addEventListener("paste", function (event) {
      var geplakt = event.clipboardData ? event.clipboardData.getData("text") : "";
      var selectie = (veld.selectionEnd || 0) - (veld.selectionStart || 0);
      afgekapt = veld.value.length - selectie + geplakt.length > max;
    });
    veld.addEventListener("input", function () {
      toon();
      afgekapt = false; // the message stays until the next change
    });
    toon();
  }

  // A hint above a table that is wider than its box, which then scrolls sideways (also by keyboard).
  function schuifhint(doos) {
    var hint = document.createElement("p");
    hint.className = "schuif-hint";
    hint.textContent = "Schuif de tabel opzij om alle kolommen te zien.";
    hint.hidden = true;
    doos.parentNode.insertBefore(hint, doos);

    function kijk() {
      var breed = doos.scrollWidth > doos.clientWidth + 1;
      hint.hidden = !breed;
      if (breed) {
        doos.tabIndex = 0; // a scroll box must be reachable by keyboard
      } else {
        doos.removeAttribute("tabindex");
      }
    }

    kijk();
    if (window.ResizeObserver) {
      new ResizeObserver(kijk).observe(doos);
    } else {
      window.addEventListener("resize", kijk);
    }
  }

  // Not for e-mail addresses and passwords: nobody types 254 characters there.
  document
    .querySelectorAll(
      "input[maxlength]:not([type]), input[maxlength][type=text], input[maxlength][type=search], " +
        "input[maxlength][type=url], textarea[maxlength]",
    )
    .forEach(teller);
  document.querySelectorAll(".table-wrap").forEach(schuifhint);
})();
