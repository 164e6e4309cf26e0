// Loaded by media-facts.ts only when a media blob is described: the pipeline is heavy to load.
export { describeMedia } from '@streamgank/pipeline';
