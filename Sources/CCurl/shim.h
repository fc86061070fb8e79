#ifndef REVUE_CCURL_SHIM_H
#define REVUE_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt / getinfo / curl_multi_setopt are variadic, which Swift cannot
// call: one typed wrapper per argument type.
static inline CURLcode revue_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode revue_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode revue_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode revue_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode revue_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode revue_easy_setopt_write(CURL *h, CURLoption o, size_t (*f)(char *, size_t, size_t, void *)) { return curl_easy_setopt(h, o, f); }

static inline CURLcode revue_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode revue_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode revue_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode revue_easy_setopt_blob(CURL *h, CURLoption o, struct curl_blob *v) { return curl_easy_setopt(h, o, v); }

static inline CURLMcode revue_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// Macros Swift does not import as typed constants.
static inline long revue_http_version_2tls(void) { return CURL_HTTP_VERSION_2TLS; }
static inline long revue_pipe_multiplex(void) { return CURLPIPE_MULTIPLEX; }
static inline long revue_global_default(void) { return CURL_GLOBAL_DEFAULT; }
static inline unsigned int revue_header_origin_server(void) { return CURLH_HEADER; }
static inline curl_version_info_data *revue_version_info(void) { return curl_version_info(CURLVERSION_NOW); }
#endif
