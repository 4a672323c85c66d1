// Move focus to the error summary so screen-reader users hear what went wrong first.
export function init(summary) {
  summary.focus();
}
