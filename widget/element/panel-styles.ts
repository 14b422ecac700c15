/**
 * The panel's look. Every colour, size and font a site may want to change is a
 * `--clinic-chat-*` custom property; the rest is reachable through `::part()`.
 */
import { css } from 'lit';

// The message box is 16px: iOS zooms the page into any smaller field that takes focus.
export const panelStyles = css`
  *, *::before, *::after { box-sizing: border-box; }
  .panel {
    display: flex; flex-direction: column;
    width: var(--clinic-chat-panel-width, 370px); max-width: calc(100vw - 24px);
    height: var(--clinic-chat-panel-height, 580px); max-height: calc(100vh - 110px);
    background: var(--clinic-chat-bg, #fff); color: var(--clinic-chat-text, #1d2327);
    border-radius: var(--clinic-chat-radius, 16px); overflow: hidden;
    box-shadow: 0 10px 40px rgba(0, 0, 0, .25);
  }
  /* Shown as a popover: the top layer, above anything of the page, even at z-index 2147483647. */
  .panel[popover] { position: fixed; inset: auto var(--clinic-chat-offset-x, 20px) calc(var(--clinic-chat-offset-y, 20px) + 68px) auto; margin: 0; padding: 0; border: 0; }
  .left .panel[popover] { right: auto; left: var(--clinic-chat-offset-x, 20px); }
  /* Keep in step with PHONE in clinic-chat-element.ts. */
  @media (max-width: 480px) {
    .panel, .panel[popover] { position: fixed; inset: 0; width: 100vw; max-width: none; height: 100%; max-height: none; border-radius: 0; }
    /* The panel fills the screen and has its own close button; the launcher would cover Send. */
    .root.open .launcher { display: none; }
  }
  /* mode="page": the relay's conversation page, the whole viewport, always open. */
  .root.page { inset: 0; align-items: stretch; }
  .page .panel { flex: 1; width: auto; max-width: none; height: auto; max-height: none; border-radius: 0; box-shadow: none; }
  header { display: flex; gap: 8px; align-items: flex-start; padding: 14px 14px 12px 16px; background: var(--_accent); color: var(--_on-accent); }
  header > div { flex: 1; min-width: 0; }
  h2 { margin: 0; font-size: 17px; font-weight: 700; }
  .greeting { margin: 4px 0 0; font-size: 13px; }
  button, textarea { font: inherit; color: inherit; }
  .close { all: unset; cursor: pointer; width: 32px; height: 32px; display: inline-flex; align-items: center; justify-content: center; border-radius: 8px; font-size: 22px; line-height: 1; }
  .close:focus-visible, .send:focus-visible, .booking:focus-visible, .messages:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
  header .close:focus-visible { outline-color: var(--_on-accent); outline-offset: -3px; }
  .bar { display: flex; align-items: center; gap: 10px; padding: 10px 16px; border-bottom: 1px solid #e3e6e8; font-size: 13px; }
  .avatar { position: relative; overflow: hidden; flex: none; width: 34px; height: 34px; border-radius: 50%; display: inline-flex; align-items: center; justify-content: center; background: var(--_accent); color: var(--_on-accent); font-weight: 700; font-size: 13px; }
  .who { flex: 1; min-width: 0; }
  .who strong { display: block; font-size: 14px; }
  .avatar img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
  .disclaimer { margin: 8px 16px 0; padding: 8px 10px; border-radius: 8px; background: #fff4e0; color: #5c3b00; font-size: 12.5px; }
  .first { margin: 8px 16px 0; font-size: 12.5px; color: #3a4146; }
  .first p { margin: 0; }
  .first .on::before { content: '● '; color: #0b6e4f; }
  .send:disabled { opacity: .5; cursor: default; }
  .status { margin: 8px 16px 0; padding: 6px 10px; border-radius: 8px; background: #eef1f3; color: #3a4146; font-size: 13px; }
  /* Kept in the page when empty, so screen readers announce it when it fills. */
  .status:empty { margin: 0; padding: 0; }
  .messages { flex: 1; overflow-y: auto; padding: 12px 16px; display: flex; flex-direction: column; gap: 6px; overscroll-behavior: contain; }
  .empty, .day, .system { align-self: center; text-align: center; color: #50585d; font-size: 12.5px; margin: 6px 0; }
  .msg { max-width: 85%; padding: 8px 11px; border-radius: 14px; background: #eef1f3; align-self: flex-start; }
  .msg.own { align-self: flex-end; background: var(--_accent); color: var(--_on-accent); }
  .author { display: block; font-size: 12px; font-weight: 700; margin-bottom: 2px; }
  .text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .text a { color: inherit; }
  .attach { position: relative; flex: none; width: 40px; height: 40px; border-radius: 50%; color: #50585d; font-size: 28px; line-height: 40px; text-align: center; cursor: pointer; }
  .attach:focus-within { outline: 3px solid var(--_accent); }
  clinic-chat-attach { margin: 0 12px; }
  .meta { display: block; margin-top: 3px; font-size: 11.5px; text-align: right; }
  .msg.failed { background: #fde7e6; color: #7a1710; }
  .older { align-self: center; }
  .acts { display: flex; gap: 6px; justify-content: flex-end; margin-top: 4px; }
  .typing { margin: 0 16px 6px; font-size: 12.5px; color: #50585d; font-style: italic; }
  .booking { display: block; margin: 0 16px 8px; padding: 8px 12px; border-radius: 10px; border: 1px solid var(--_accent); color: var(--_accent); text-align: center; text-decoration: none; font-weight: 600; }
  form { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px 12px; border-top: 1px solid #e3e6e8; }
  .field { flex: 1; min-width: 0; }
  textarea { display: block; width: 100%; min-height: 40px; max-height: 140px; resize: none; padding: 9px 11px; border: 1px solid #8a9296; border-radius: 12px; background: #fff; line-height: 1.35; field-sizing: content; font-size: 16px; }
  textarea:focus { outline: 2px solid var(--_accent); outline-offset: 0; border-color: var(--_accent); }
  .counter { display: block; margin-top: 3px; font-size: 12px; color: #50585d; }
  .counter.over { color: #b3261e; font-weight: 600; }
  .send { all: unset; display: inline-flex; align-items: center; cursor: pointer; padding: 0 14px; height: 40px; border-radius: 12px; background: var(--_accent); color: var(--_on-accent); font-weight: 600; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
  @media (prefers-reduced-motion: no-preference) { .panel { animation: rise .16s ease-out; } }
  @keyframes rise { from { opacity: 0; transform: translateY(8px); } }
`;
