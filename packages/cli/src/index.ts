export * as pipeline from '@streamgank/pipeline';
export * as dashboard from '@streamgank/dashboard';
