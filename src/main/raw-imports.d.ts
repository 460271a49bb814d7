// Vite's `?raw` imports (SQL migrations) without pulling vite/client's DOM-flavoured types into the main process.
declare module '*?raw' {
  const text: string
  export default text
}
