/**
 * Sources of the CloudFront Functions (runtime cloudfront-js-2.0). Kept as strings so the WebStack can inline
 * them and tests can run them as plain JavaScript.
 */

/**
 * Default behaviour, viewer request: a path whose last segment has no dot is a route of the single-page app,
 * answered with /index.html. Done here rather than with error responses, which apply to every behaviour and
 * would turn the API's JSON 403/404 answers into the app's HTML page.
 */
export const SPA_ROUTING_SOURCE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.slice(uri.lastIndexOf('/') + 1).indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * /media/* behaviour, viewer request: /media/products/prd_1/photo.jpg is the object products/prd_1/photo.jpg,
 * the key the API hands out (MEDIA_BASE_URL ends in /media).
 */
export const MEDIA_PREFIX_SOURCE = `function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('/media/') === 0) {
    request.uri = request.uri.slice('/media'.length);
  }
  return request;
}`;
