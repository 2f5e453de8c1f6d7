import { getPreview } from '@/lib/cms/preview-endpoint';
import { methodsNotAllowed } from '@/lib/api/json-responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return getPreview(request);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = methodsNotAllowed(['GET']);
