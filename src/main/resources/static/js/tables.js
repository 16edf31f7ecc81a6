// On a narrow screen each table row is shown as a card (qaflow.css); this gives every cell the heading of its
// column, so a card still says what each value is. Without script the cards show the values alone.
document.querySelectorAll('table').forEach(function (table) {
  var headings = [];
  table.querySelectorAll('thead tr:last-child th').forEach(function (th) {
    var span = Number(th.getAttribute('colspan') || 1);
    for (var i = 0; i < span; i++) headings.push(th.textContent.trim());
  });
  if (!headings.length) return;
  table.classList.add('cards');
  table.querySelectorAll('tbody tr').forEach(function (row) {
    var column = 0;
    Array.prototype.forEach.call(row.cells, function (cell) {
      if (headings[column] && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', headings[column]);
      column += Number(cell.getAttribute('colspan') || 1);
    });
  });
});
