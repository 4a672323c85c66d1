// Submits a form as soon as it appears (the claim after the card reader app sends the user
// back); without JavaScript the user presses its button instead.
export function init(form) {
  form.requestSubmit ? form.requestSubmit() : form.submit();
}
