/* rapor: the photo lightbox.
 *
 * Every gallery and story photo is a plain link to its largest rendition,
 * which works without this script. With it, the link opens the photo in a
 * modal <dialog> instead: focus moves to the close button, Escape, the
 * button or a click beside the photo closes it, and focus goes back to the
 * photo that opened it. The photo's alt text is the caption. The script's
 * data- attributes carry its words, so it holds none of its own.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var links = document.querySelectorAll('a.photo-open');
  if (!script || !links.length || typeof HTMLDialogElement !== 'function') return;

  var dialog = document.createElement('dialog');
  dialog.className = 'lightbox';
  dialog.setAttribute('aria-label', script.dataset.label || '');
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'lightbox-close';
  close.textContent = script.dataset.close || '×';
  var figure = document.createElement('figure');
  var img = document.createElement('img');
  img.alt = '';
  var caption = document.createElement('figcaption');
  // The photo is in the dialog only while it is open: an <img> without a
  // source would be a broken image in the page.
  figure.append(caption);
  dialog.append(close, figure);
  document.body.appendChild(dialog);

  var opener = null;
  close.addEventListener('click', function () { dialog.close(); });
  // A click on the backdrop lands on the dialog itself, not on its content.
  dialog.addEventListener('click', function (event) {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', function () {
    img.removeAttribute('src');
    img.remove();
    if (opener) opener.focus();
    opener = null;
  });

  function open(event) {
    var link = event.currentTarget;
    var thumb = link.querySelector('img');
    // Let the browser handle new-tab and download clicks.
    if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    opener = link;
    var alt = thumb ? thumb.getAttribute('alt') || '' : '';
    img.alt = alt;
    // The size reserves the photo's shape while it loads.
    if (link.dataset.width && link.dataset.height) {
      img.width = Number(link.dataset.width);
      img.height = Number(link.dataset.height);
    }
    img.src = link.href;
    figure.insertBefore(img, caption);
    caption.textContent = alt;
    caption.hidden = !alt;
    dialog.showModal();
    close.focus();
  }

  for (var i = 0; i < links.length; i++) links[i].addEventListener('click', open);
})();
