// The media store's public face: opening the folder or S3 store a config names.
export { localMediaFolder, openMediaStore } from './open-media-store.js';
