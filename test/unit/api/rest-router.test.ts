import { describe, expect, test } from 'vitest';
import { RestRouter } from '../../../src/api/rest-router.js';

const handle = () => ({ status: 200 });

describe('RestRouter', () => {
  const router = new RestRouter();
  router.add([
    { method: 'POST', path: '/2015-03-31/functions/{name}/invocations', handle },
    { method: 'GET', path: '/v1/pipes/{name}', handle },
    { method: 'GET', path: '/{bucket}/{key+}', handle },
  ]);

  test('extracts and decodes path parameters', () => {
    const found = router.find('POST', '/2015-03-31/functions/my%3Afn/invocations');
    expect('params' in found && found.params).toEqual({ name: 'my:fn' });
  });

  test('a greedy parameter takes the rest of the path', () => {
    const found = router.find('GET', '/data/2024/01/file.csv');
    expect('params' in found && found.params).toEqual({ bucket: 'data', key: '2024/01/file.csv' });
  });

  test('reports the allowed methods when only the method differs', () => {
    expect(router.find('DELETE', '/v1/pipes/p1')).toEqual({ allowed: ['GET'] });
  });

  test('finds nothing for an unknown path', () => {
    expect(router.find('GET', '/nothing')).toEqual({ allowed: [] });
  });
});
