import * as z from 'zod/mini';
import type { ProduceContext } from '@streamgank/cache';
import { ScriptFormatError } from '../errors.js';
import { describeOpenAiFailure, openAiClient } from '../openai/openai-client.js';
import type { OpenAiSettings } from '../settings.js';
import { costOf, priceOf } from './pricing.js';
import { PROMPTS } from './prompts.js';
import type { ScriptRequest, WrittenScripts } from './script-request.js';

const answerSchema = z.object({
  hook: z.string().check(z.trim(), z.minLength(1)),
  lines: z.array(z.object({ id: z.coerce.number().check(z.int()), text: z.string().check(z.trim(), z.minLength(1)) })),
});

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
  const prompt = PROMPTS[settings.promptVersion];
  if (!prompt) throw new Error(`unknown prompt version ${settings.promptVersion}`);
  const { openai, client } = await openAiClient(settings);
  const provider = `openai:${settings.model}`;
  let completion;
  try {
    completion = await client.chat.completions.create(
      {
        model: settings.model,
        temperature: prompt.temperature,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: prompt.system(request) },
          { role: 'user', content: prompt.user(request) },
        ],
      },
      { ...(signal && { signal }) },
    );
  } catch (error) {
    throw describeOpenAiFailure(
      error,
      settings,
      openai,
      { name: settings.model, setting: 'STREAMGANK_OPENAI_MODEL' },
      signal,
    );
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
