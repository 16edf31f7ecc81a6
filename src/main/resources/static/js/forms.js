// Errors are announced and take focus on every form. A field with an error beside it (its aria-describedby names a
// .error element) is marked aria-invalid; the page's error summary, or else one built here from the field errors
// (label and message, linked to the field), or else the page's first alert, receives focus so that a screen reader reads
// it first and a keyboard user starts from it. Pages render their errors on the server; this only adds focus.
(function () {
  var main = document.getElementById('main');
  if (!main) return;
  var invalid = [];
  main.querySelectorAll('.error[id]').forEach(function (error) {
    main.querySelectorAll('[aria-describedby]').forEach(function (field) {
      if (field.getAttribute('aria-describedby').split(/\s+/).indexOf(error.id) < 0) return;
      if (!/^(INPUT|SELECT|TEXTAREA)$/.test(field.tagName)) return;
      field.setAttribute('aria-invalid', 'true');
      invalid.push({ field: field, error: error });
    });
  });
  var summary = main.querySelector('#error-summary')
      || (invalid.length ? buildSummary(invalid) : main.querySelector('[role=alert]'));
  if (!summary) return;
  if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
  summary.focus();

  function buildSummary(problems) {
    var box = document.createElement('div');
    box.id = 'error-summary';
    box.className = 'alert';
    box.setAttribute('role', 'alert');
    var heading = document.createElement('h2');
    heading.textContent = problems.length === 1 ? 'There is a problem' : 'There are ' + problems.length + ' problems';
    box.appendChild(heading);
    var list = document.createElement('ul');
    problems.forEach(function (p) {
      var label = p.field.id && main.querySelector('label[for="' + p.field.id + '"]');
      var name = label ? label.textContent.trim() : (p.field.getAttribute('aria-label') || p.field.name);
      var link = document.createElement('a');
      link.textContent = name + ': ' + p.error.textContent.trim();
      if (p.field.id) link.href = '#' + p.field.id;
      var item = document.createElement('li');
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    var h1 = main.querySelector('h1');
    if (h1) h1.insertAdjacentElement('afterend', box); else main.insertBefore(box, main.firstChild);
    return box;
  }
})();
