// @ts-check
/** Start Swagger UI on the app's OpenAPI schema (a file, so the CSP needs no inline script). */
window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
