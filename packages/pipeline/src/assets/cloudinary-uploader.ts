import { basename } from 'node:path';
import { ProviderRequestError } from '../errors.js';
import type { CloudinarySettings } from '../settings.js';

export interface UploadedFile {
  readonly secureUrl: string;
  readonly publicId: string;
}

export interface UploadRequest {
  readonly file: string;
  readonly resourceType: 'image' | 'video';
  /** Sub-folder under the configured folder (`posters`, `clips`). */
  readonly folder: string;
  readonly publicId: string;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  const shaped = error as { message?: unknown; http_code?: unknown; error?: { message?: unknown } } | undefined;
  const message = shaped?.message ?? shaped?.error?.message ?? String(error);
  return shaped?.http_code ? `${String(message)} (HTTP ${String(shaped.http_code)})` : String(message);
}

/**
 * Upload one file with the Cloudinary SDK, signed with the key and secret from CLOUDINARY_URL.
 * The SDK is loaded on first use: it picks http or https from CLOUDINARY_URL when it is first
 * imported, and a run without uploads should not pay for it.
 */
export async function uploadToCloudinary(settings: CloudinarySettings, request: UploadRequest): Promise<UploadedFile> {
  const { v2: cloudinary } = await import('cloudinary');
  let result;
  try {
    result = await cloudinary.uploader.upload(request.file, {
      resource_type: request.resourceType,
      folder: `${settings.folder}/${request.folder}`,
      public_id: request.publicId,
      overwrite: true,
      cloud_name: settings.cloudName,
      api_key: settings.apiKey,
      api_secret: settings.apiSecret,
      timeout: settings.timeoutMs,
      ...(settings.uploadPrefix && { upload_prefix: settings.uploadPrefix }),
    });
  } catch (error) {
    throw new ProviderRequestError(
      'cloudinary',
      `Cloudinary could not take ${basename(request.file)}: ${describe(error)}. Check CLOUDINARY_URL, or unset it to keep assets in the cache only.`,
      { cause: error },
    );
  }
  if (typeof result?.secure_url !== 'string' || !result.secure_url) {
    throw new ProviderRequestError(
      'cloudinary',
      `Cloudinary accepted ${basename(request.file)} but returned no secure_url.`,
    );
  }
  return { secureUrl: result.secure_url, publicId: String(result.public_id ?? request.publicId) };
}
