// What the authorizer answers API Gateway: an IAM policy for execute-api:Invoke and the context map
// that API Gateway hands to the backend as event.requestContext.authorizer.

// The policy covers every method and path of the API's stage, not only the methodArn of this request.
// With authorizer caching on (the default, 300 s), API Gateway reuses the returned policy for every
// later request that carries the same token, whatever method it calls; a policy naming only the first
// methodArn would then answer 403 on the API's other routes until the cache expires. The decision does
// not depend on the route anyway: every route behind this authorizer requires the same audience and
// scopes. Routes that need other scopes get an authorizer of their own (its own cache).
export function stageWildcard(methodArn) {
  // arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{verb}/{path...}
  const [api, stage] = String(methodArn ?? '').split('/');
  if (!api?.startsWith('arn:') || !stage) throw new Error(`not an execute-api method ARN: '${methodArn}'`);
  return `${api}/${stage}/*/*`;
}

export function policy(principalId, effect, methodArn, context) {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: stageWildcard(methodArn) }],
    },
    ...(context && { context }),
  };
}

const standardClaims = ['sub', 'email', 'scope', 'client_id'];

// API Gateway accepts only strings, numbers and booleans as context values (no objects, arrays or
// null: the whole answer would fail as a 500), and the backend receives them stringified. AuthServer
// puts only text and number Bubble fields in tokens, so anything else is left out, not mangled.
export function contextFrom(payload, bubbleClaims) {
  const context = {};
  for (const name of [...standardClaims, ...bubbleClaims]) {
    const value = payload[name];
    if (['string', 'number', 'boolean'].includes(typeof value)) context[name] = value;
  }
  return context;
}
