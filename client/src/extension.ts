// Placeholder: replaced by the real client in the quote-checking work.
export function activate(): void {}
export function deactivate(): void {}
