// The rater UI's entry point, bundled by esbuild into rater-ui/dist/app.js.
import './loupe-app.js';
