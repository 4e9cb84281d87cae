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

/** Play, pause or seek by the rater, so that a pair can play in step. */
export class MediaControlEvent extends Event {
  static readonly type = 'loupe-media-control';
  constructor(
    readonly action: 'play' | 'pause' | 'seek',
    readonly time: number,
  ) {
    super(MediaControlEvent.type, { bubbles: true, composed: true });
  }
}

/** One image (click to zoom) or one video (controls; loops after its first full play). */
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
  @state() private zoomed = false;
  @query('video') video?: HTMLVideoElement;
  /** Set while mirroring the other side, so the mirror does not echo back. */
  private mirroring = false;

  /** Applies the other side's play, pause or seek. */
  control(action: MediaControlEvent['action'], time: number): void {
    const v = this.video;
    if (!v) return;
    this.mirroring = true;
    if (Math.abs(v.currentTime - time) > 0.2) v.currentTime = time;
    if (action === 'play') void v.play().catch(() => undefined);
    if (action === 'pause') v.pause();
    queueMicrotask(() => (this.mirroring = false));
  }

  private emit(action: MediaControlEvent['action']): void {
    if (!this.mirroring && this.video) this.dispatchEvent(new MediaControlEvent(action, this.video.currentTime));
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
      return html`${tag}<video src=${this.media.url} controls muted autoplay playsinline preload="auto"
        @ended=${this.onEnded} @play=${() => this.emit('play')} @pause=${() => this.emit('pause')} @seeked=${() => this.emit('seek')}></video>`;
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
    [MediaControlEvent.type]: MediaControlEvent;
  }
}
