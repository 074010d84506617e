//! The wire: the HTTP request an operation describes, the answer it reads back, the shapes a
//! 2xx body must have, and the API's error envelopes. Nothing here decides what to send.

pub mod api_error;
pub mod http;
pub mod shape;
pub mod shape_check;
