import { LitElement, css, html } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { MediaView } from '../shared/index.js';

/** Sent once the video has played to its end (then it loops). */
export class MediaWatchedEvent extends Event {
  static readonly type = 'loupe-media-watched';
  constructor() {
    super(MediaWatchedEvent.type, { bubbles: true, composed: true });
  }
}

/** One image (click to zoom) or one video (loops after its first full play, which it reports). */
@customElement('loupe-media')
export class LoupeMedia extends LitElement {
  static override styles = css`
    :host { display: block; }
    img, video { display: block; max-width: 100%; max-height: var(--loupe-media-max, 60vh); margin: 0 auto; background: #222; border-radius: 6px; }
    img { cursor: zoom-in; image-rendering: auto; }
    img.zoomed { max-width: none; max-height: none; cursor: zoom-out; }
    .frame { overflow: auto; max-height: 70vh; }
    .tag { text-align: center; font-weight: 700; margin-bottom: 4px; }
  `;

  @property({ attribute: false }) media!: MediaView;
  @property() tag = '';
  /** Off in a pair: one control plays and pauses both, so that neither element's events steer the other. */
  @property({ type: Boolean }) controls = true;
  @state() private zoomed = false;
  @query('video') video?: HTMLVideoElement;

  /** Plays the clip from where it is; each clip keeps its own time, and loops on its own once seen to the end. */
  play(): void {
    void this.video?.play().catch(() => undefined);
  }

  pause(): void {
    this.video?.pause();
  }

  private onEnded(): void {
    this.dispatchEvent(new MediaWatchedEvent());
    const v = this.video!;
    v.loop = true;
    void v.play().catch(() => undefined);
  }

  override render() {
    const tag = this.tag ? html`<div class="tag">${this.tag}</div>` : null;
    if (this.media.type === 'video') {
      return html`${tag}<video src=${this.media.url} muted autoplay playsinline preload="auto"
        ?controls=${this.controls} @ended=${this.onEnded}></video>`;
    }
    return html`${tag}<div class="frame"><img src=${this.media.url} alt="" class=${this.zoomed ? 'zoomed' : ''} @click=${() => (this.zoomed = !this.zoomed)} /></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'loupe-media': LoupeMedia;
  }
  interface HTMLElementEventMap {
    [MediaWatchedEvent.type]: MediaWatchedEvent;
  }
}
