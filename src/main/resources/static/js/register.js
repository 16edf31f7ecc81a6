// The registration form's unit picker: keeps the credit total and what is still needed up to date as units are
// ticked. The server renders the same list and the rules of combination decide at registration; this only helps.
// Enter in a field registers the learner, as a user expects: without this the form's first button, "Show units",
// would take it (implicit submission), and the learner would not be registered.
(function () {
  var register = document.getElementById('register');
  if (!register) return;
  register.form.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || event.target.tagName !== 'INPUT' || event.target.type === 'checkbox') return;
    event.preventDefault();
    register.click();
  });
})();

(function () {
  var picker = document.getElementById('units');
  var select = document.getElementById('qualification');
  if (!picker || !select) return;
  var minCredits = Number(picker.getAttribute('data-min-credits') || 0);
  var maxCredits = Number(picker.getAttribute('data-max-credits') || 0);
  var total = document.getElementById('credit-total');
  var needed = document.getElementById('still-needed');

  function update() {
    var credits = 0;
    var missing = [];
    picker.querySelectorAll('fieldset.category').forEach(function (group) {
      var chosen = 0;
      group.querySelectorAll('input[type=checkbox]').forEach(function (box) {
        if (box.checked) { chosen++; credits += Number(box.getAttribute('data-credit')); }
      });
      var minimum = Number(group.getAttribute('data-minimum') || 0);
      if (chosen < minimum) {
        var words = group.getAttribute('data-category').toLowerCase();
        missing.push((minimum - chosen) + ' more ' + words + (minimum - chosen === 1 ? ' unit' : ' units'));
      }
    });
    if (minCredits && credits < minCredits) missing.unshift((minCredits - credits) + ' more credits');
    if (maxCredits && credits > maxCredits) missing.unshift((credits - maxCredits) + ' credits fewer (at most ' + maxCredits + ')');
    total.textContent = String(credits);
    needed.className = missing.length ? '' : 'ok';
    needed.textContent = missing.length ? 'Still needed: ' + missing.join('; ')
        : 'These units meet the credit and category rules.';
  }

  picker.addEventListener('change', update);
  // Another qualification has other units: the list shown no longer applies until "Show units" is pressed.
  select.addEventListener('change', function () {
    var stale = select.value !== picker.getAttribute('data-qualification');
    picker.hidden = stale;
    picker.querySelectorAll('input[type=checkbox]').forEach(function (box) {
      box.disabled = stale || box.defaultDisabled;
    });
  });
  picker.querySelectorAll('input[type=checkbox]').forEach(function (box) { box.defaultDisabled = box.disabled; });
})();
