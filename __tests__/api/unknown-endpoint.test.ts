/** @jest-environment node */
import { DELETE, GET, POST } from '@/app/api/[...unknown]/route';

describe('paths under /api/ that no endpoint serves', () => {
  it.each([
    ['GET', GET],
    ['POST', POST],
    ['DELETE', DELETE],
  ])('answer %s with a JSON 404 naming the problem', async (_method, handler) => {
    const response = handler();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ error: 'No API endpoint at this path' });
  });
});
