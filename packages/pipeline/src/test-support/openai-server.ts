import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listenLocally, readBody, sendJson } from './http-server.js';

export interface ChatRequest {
  readonly model: string;
  readonly messages: { role: string; content: string }[];
  readonly authorization: string | undefined;
}

/** What the fake API does with one request: answer, refuse, or never answer. */
export type ChatReply = { status: number; body: unknown; headers?: Record<string, string> } | 'hang';

/** A text-to-speech request as `audio.speech.create` sends it. */
export interface SpeechRequest {
  readonly model: string;
  readonly voice: string;
  readonly input: string;
  readonly response_format: string | undefined;
  readonly authorization: string | undefined;
}

/** What the fake API does with one speech request: audio bytes (or anything else), an error, or no answer. */
export type SpeechReply =
  | { status: number; audio: Buffer; contentType?: string }
  | { status: number; body: unknown; headers?: Record<string, string> }
  | 'hang';

export interface OpenAiTestServer {
  /** For OPENAI_BASE_URL. */
  readonly baseURL: string;
  readonly requests: ChatRequest[];
  readonly speechRequests: SpeechRequest[];
  close(): Promise<void>;
}

/** Titles and ids as the prompt lists them: `1. id 7299: "Godzilla Minus One" (2023), …`. */
export function titlesInPrompt(request: ChatRequest): { id: number; title: string }[] {
  const prompt = request.messages.map((message) => message.content).join('\n');
  return [...prompt.matchAll(/id (\d+): "([^"]+)"/g)].map((match) => ({ id: Number(match[1]), title: match[2] ?? '' }));
}

export function completion(
  request: ChatRequest,
  content: string,
  usage = { prompt_tokens: 420, completion_tokens: 180 },
) {
  return {
    status: 200,
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    },
  };
}

/** A well-formed answer: a hook and one line per title, naming the model so that a new model writes new words. */
export function scriptsCompletion(request: ChatRequest) {
  const lines = titlesInPrompt(request).map(({ id, title }, index) => ({
    id,
    text: `${title} is pick number ${index + 1}, chosen by ${request.model}.`,
  }));
  return completion(request, JSON.stringify({ hook: `The ${request.model} countdown starts now!`, lines }));
}

export function rateLimited() {
  return {
    status: 429,
    body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
    headers: { 'retry-after-ms': '10' },
  };
}

const noSpeech = (): SpeechReply => ({ status: 404, body: { error: { message: 'no speech here' } } });

/**
 * A local server speaking the chat-completions and text-to-speech APIs; `reply` and `speech`
 * decide each answer (n counts from 0, per API).
 */
export async function startOpenAiServer(
  reply: (request: ChatRequest, n: number) => ChatReply,
  speech: (request: SpeechRequest, n: number) => SpeechReply | Promise<SpeechReply> = noSpeech,
): Promise<OpenAiTestServer> {
  const requests: ChatRequest[] = [];
  const speechRequests: SpeechRequest[] = [];
  const server = await listenLocally((request, response) => {
    void readBody(request).then(async (body) => {
      if (request.method === 'POST' && request.url === '/v1/audio/speech') {
        const parsed = JSON.parse(body.toString('utf8')) as Omit<SpeechRequest, 'authorization'>;
        const asked: SpeechRequest = {
          model: parsed.model,
          voice: parsed.voice,
          input: parsed.input,
          response_format: parsed.response_format,
          authorization: request.headers.authorization,
        };
        speechRequests.push(asked);
        const answer = await speech(asked, speechRequests.length - 1);
        if (answer === 'hang') return;
        if ('audio' in answer) {
          response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'audio/wav' });
          response.end(answer.audio);
        } else sendJson(response, answer.status, answer.body, answer.headers);
        return;
      }
      if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
        sendJson(response, 404, { error: { message: `no route ${request.method} ${request.url}` } });
        return;
      }
      const parsed = JSON.parse(body.toString('utf8')) as { model: string; messages: ChatRequest['messages'] };
      const chat: ChatRequest = {
        model: parsed.model,
        messages: parsed.messages,
        authorization: request.headers.authorization,
      };
      requests.push(chat);
      const answer = reply(chat, requests.length - 1);
      if (answer === 'hang') return;
      sendJson(response, answer.status, answer.body, answer.headers);
    });
  });
  return { baseURL: `${server.origin}/v1`, requests, speechRequests, close: () => server.close() };
}

/** eSpeak NG variants standing in for OpenAI's voices: another voice sounds different, as it would. */
const STAND_INS = ['m1', 'f2', 'm3', 'f4', 'm5'];

/** Real speech for a speech request: eSpeak NG reads its input in a variant chosen by the voice asked for. */
export async function spokenAudio(request: SpeechRequest, workDir: string): Promise<SpeechReply> {
  const { speakWithEspeak } = await import('../voice/espeak.js');
  const output = join(workDir, `speech-${randomUUID()}.wav`);
  const variant =
    STAND_INS[[...request.voice].reduce((sum, character) => sum + character.charCodeAt(0), 0) % STAND_INS.length];
  await speakWithEspeak({ voice: `en-us+${variant}`, wordsPerMinute: 170, text: request.input, output });
  return { status: 200, audio: await readFile(output), contentType: 'audio/wav' };
}
