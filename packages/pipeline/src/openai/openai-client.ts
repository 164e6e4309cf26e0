import { PipelineAbortedError, ProviderRequestError } from '../errors.js';
import type { OpenAiConnection } from '../settings.js';

export type OpenAiModule = typeof import('openai');
export type OpenAiClient = InstanceType<OpenAiModule['default']>;

/** The SDK, loaded only when a step asks OpenAI for something (a run served from the cache never does). */
export async function openAiClient(
  connection: OpenAiConnection,
): Promise<{ openai: OpenAiModule; client: OpenAiClient }> {
  const openai = await import('openai');
  const client = new openai.default({
    apiKey: connection.apiKey,
    ...(connection.baseURL && { baseURL: connection.baseURL }),
    timeout: connection.timeoutMs,
    maxRetries: connection.maxRetries,
  });
  return { openai, client };
}

/** The model a request named, and the setting that chooses it, for error messages. */
export interface ModelChoice {
  readonly name: string;
  readonly setting: string;
}

/** An SDK failure as a typed error that says what to do; an abort stays an abort. */
export function describeOpenAiFailure(
  error: unknown,
  connection: OpenAiConnection,
  openai: OpenAiModule,
  model: ModelChoice,
  signal?: AbortSignal,
): Error {
  const { default: OpenAI } = openai;
  if (signal?.aborted || error instanceof OpenAI.APIUserAbortError)
    return new PipelineAbortedError(undefined, undefined);
  const where = connection.baseURL ? ` at ${connection.baseURL}` : '';
  const retried =
    connection.maxRetries > 0 ? ` after ${connection.maxRetries} retr${connection.maxRetries === 1 ? 'y' : 'ies'}` : '';
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderRequestError(
      'openai',
      `OpenAI${where} did not answer within ${connection.timeoutMs} ms${retried}. ` +
        'Try again, or raise STREAMGANK_OPENAI_TIMEOUT_MS.',
      { cause: error },
    );
  }
  if (error instanceof OpenAI.AuthenticationError || error instanceof OpenAI.PermissionDeniedError) {
    return new ProviderRequestError(
      'openai',
      `OpenAI${where} refused OPENAI_API_KEY (${error.status}). Check the key.`,
      { cause: error },
    );
  }
  if (error instanceof OpenAI.RateLimitError) {
    return new ProviderRequestError(
      'openai',
      `OpenAI${where} is rate limiting this key (429)${retried}. Wait a minute, or raise STREAMGANK_OPENAI_MAX_RETRIES.`,
      { cause: error },
    );
  }
  if (error instanceof OpenAI.NotFoundError) {
    return new ProviderRequestError(
      'openai',
      `OpenAI${where} does not know the model "${model.name}" (404). Check ${model.setting}.`,
      { cause: error },
    );
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return new ProviderRequestError(
      'openai',
      `Cannot reach OpenAI${where}: ${error.message}. Check the network or OPENAI_BASE_URL.`,
      { cause: error },
    );
  }
  if (error instanceof OpenAI.APIError) {
    return new ProviderRequestError(
      'openai',
      `OpenAI${where} failed (${error.status ?? 'no status'}): ${error.message}`,
      {
        cause: error,
      },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
