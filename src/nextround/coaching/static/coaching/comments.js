// Selecting words of the answer (with the mouse or the keyboard) fills the comment's "on these
// words" field; without this script the words are copied into the field by hand.
(() => {
  const answer = document.querySelector(".transcript");
  const quote = document.querySelector("form.comment-new input[name=quote]");
  if (!answer || !quote) return;
  document.addEventListener("selectionchange", () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    if (!answer.contains(selection.anchorNode) || !answer.contains(selection.focusNode)) return;
    const words = selection.toString().trim().replace(/\s+/g, " ");
    if (words) quote.value = words;
  });
})();
