import { z } from 'zod';
import type { ProduceContext } from '@streamgank/cache';
import { PipelineAbortedError, ProviderRequestError, ScriptFormatError } from '../errors.js';
import type { OpenAiSettings } from '../settings.js';
import { costOf, priceOf } from './pricing.js';
import { PROMPTS } from './prompts.js';
import type { ScriptRequest, WrittenScripts } from './script-request.js';

const answerSchema = z.object({
  hook: z.string().trim().min(1),
  lines: z.array(z.object({ id: z.coerce.number().int(), text: z.string().trim().min(1) })),
});

type OpenAiModule = typeof import('openai');

function describeFailure(error: unknown, settings: OpenAiSettings, openai: OpenAiModule): Error {
  const { default: OpenAI } = openai;
  const where = settings.baseURL ? ` at ${settings.baseURL}` : '';
  const retried =
    settings.maxRetries > 0 ? ` after ${settings.maxRetries} retr${settings.maxRetries === 1 ? 'y' : 'ies'}` : '';
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return new ProviderRequestError(
      'openai',
      `OpenAI${where} did not answer within ${settings.timeoutMs} ms${retried}. ` +
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
      `OpenAI${where} does not know the model "${settings.model}" (404). Check STREAMGANK_OPENAI_MODEL.`,
      {
        cause: error,
      },
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
      { cause: error },
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

function parseAnswer(content: string | null | undefined, request: ScriptRequest, provider: string): WrittenScripts {
  if (!content) throw new ScriptFormatError(provider, 'the answer was empty');
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new ScriptFormatError(provider, `the answer is not JSON: ${JSON.stringify(content.slice(0, 80))}`);
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScriptFormatError(provider, `${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'invalid'}`);
  }
  const lines = request.movies.map((movie) => {
    const line = parsed.data.lines.find((candidate) => candidate.id === movie.id);
    if (!line) throw new ScriptFormatError(provider, `no line for "${movie.title}" (id ${movie.id})`);
    return line.text;
  });
  if (new Set(lines).size !== lines.length) throw new ScriptFormatError(provider, 'two titles got the same line');
  return { hook: parsed.data.hook, lines };
}

/** Scripts from OpenAI's chat completions API (any compatible server at OPENAI_BASE_URL). */
export async function writeOpenAiScripts(
  request: ScriptRequest,
  settings: OpenAiSettings,
  context: Pick<ProduceContext, 'addUsage' | 'setProducer'>,
  signal?: AbortSignal,
): Promise<WrittenScripts> {
  const openai = await import('openai');
  const prompt = PROMPTS[settings.promptVersion];
  if (!prompt) throw new Error(`unknown prompt version ${settings.promptVersion}`);
  const client = new openai.default({
    apiKey: settings.apiKey,
    ...(settings.baseURL && { baseURL: settings.baseURL }),
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
  });
  const provider = `openai:${settings.model}`;
  let completion;
  try {
    completion = await client.chat.completions.create(
      {
        model: settings.model,
        temperature: prompt.temperature,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: prompt.system() },
          { role: 'user', content: prompt.user(request) },
        ],
      },
      { ...(signal && { signal }) },
    );
  } catch (error) {
    if (signal?.aborted || error instanceof openai.default.APIUserAbortError)
      throw new PipelineAbortedError(undefined, undefined);
    throw describeFailure(error, settings, openai);
  }
  const usage = completion.usage;
  if (usage) {
    const price = priceOf(settings.model, settings.price);
    context.addUsage(
      { prompt_tokens: usage.prompt_tokens, completion_tokens: usage.completion_tokens, requests: 1 },
      price ? costOf(price, usage.prompt_tokens, usage.completion_tokens) : undefined,
    );
  }
  context.setProducer(provider);
  return parseAnswer(completion.choices[0]?.message.content, request, provider);
}
