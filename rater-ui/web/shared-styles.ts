import { css } from 'lit';

export const baseStyles = css`
  :host { display: block; font-family: system-ui, 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; color: #1d1d1f; }
  button { font: inherit; border: 1px solid #b9b6ae; background: #fff; border-radius: 6px; padding: 6px 12px; cursor: pointer; color: inherit; }
  button:hover:not(:disabled) { border-color: #5b5a56; }
  button:disabled { opacity: 0.45; cursor: not-allowed; }
  button.primary { background: #2b5fb4; border-color: #2b5fb4; color: #fff; }
  :focus-visible { outline: 3px solid #f0a30a; outline-offset: 2px; }
  .muted { color: #6b6a66; }
  .card { background: #fff; border: 1px solid #e3e0d8; border-radius: 10px; padding: 16px 20px; }
  h1, h2, h3 { margin: 0 0 8px; font-weight: 600; }
`;
