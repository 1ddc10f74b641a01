// Selecting words of the answer fills the comment's "on these words" field; the form works the
// same without this, by copying the words into the field.
(() => {
  const answer = document.querySelector(".transcript");
  const quote = document.querySelector("form.comment-new input[name=quote]");
  if (!answer || !quote) return;
  answer.addEventListener("mouseup", () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    if (!answer.contains(selection.anchorNode) || !answer.contains(selection.focusNode)) return;
    const words = selection.toString().trim().replace(/\s+/g, " ");
    if (words) quote.value = words;
  });
})();
