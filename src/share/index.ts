// Share links: the session in a URL, compressed, versioned and checked.
export * from './link';
