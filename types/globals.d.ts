// The one global the page uses: d3 v7's UMD bundle (static/vendor/d3-7.9.2), loaded by a
// classic <script> before the modules. Typed loosely: the checks are about our own code.
declare global {
  interface Window {
    d3: any;
    /** Swagger UI's bundle (static/vendor/swagger-ui-5.35.0), on the /docs page. */
    SwaggerUIBundle: any;
  }
}
export {};
