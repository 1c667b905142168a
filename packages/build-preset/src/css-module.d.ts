// A `.css` file imported from app code is its text (webpack's asset/source): remotes adopt it as a
// constructed stylesheet, and the build also publishes it as styles.css for edge-rendered pages.
declare module "*.css" {
  const css: string;
  export default css;
}
