// DOM matchers (toBeInTheDocument, toHaveTextContent, …) for the SPA's unit tests.
import '@testing-library/jest-dom/vitest';
