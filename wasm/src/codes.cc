#include "sealcheck/codes.h"

#include <algorithm>
#include <array>

namespace sealcheck {
namespace {

struct Entry final {
  Code code;
  Message message;
};

// Keep sorted by code; the test suite checks every enumerator has a row.
constexpr std::array kMessages{
    Entry{Code::kOk, {"ok", "通过", "passed"}},
    Entry{Code::kInputPdf, {"input-pdf", "文件是 PDF 文档", "the file is a PDF document"}},
    Entry{Code::kSignatureFound, {"signature-found", "找到电子印章", "an electronic seal was found"}},
    Entry{Code::kCoverageEntireFile,
          {"coverage-entire-file", "电子印章覆盖整个文件，盖章后未被修改",
           "the seal covers the entire file; nothing was changed after sealing"}},
    Entry{Code::kCmsIntact,
          {"cms-intact", "印章签名有效，文件未被篡改", "the seal's signature is valid; the document is unaltered"}},
    Entry{Code::kDigestStrong, {"digest-strong", "摘要算法足够安全", "the digest algorithm is strong enough"}},
    Entry{Code::kChainTrusted,
          {"chain-trusted", "印章证书链可信", "the seal certificate chains to a trusted authority"}},
    Entry{Code::kKeyUsageOk,
          {"key-usage-ok", "印章证书用途正确", "the seal certificate is meant for signing"}},

    Entry{Code::kStructureOk, {"structure-ok", "文件结构完整", "the file's structure is sound"}},

    Entry{Code::kCertificateDataOk,
          {"certificate-data-ok", "证书信息读取自印章覆盖的内容", "the certificate details were read from the sealed content"}},
    Entry{Code::kAnnotationValid,
          {"annotation-valid", "加注有效，当前在加注有效期内", "the annotation is in force: today is inside its validity period"}},
    Entry{Code::kAnnotationNotRequired,
          {"annotation-not-required", "2021年12月17日前由行业协会等机构颁发的证书，暂无须加注",
           "issued before 2021-12-17 by an association or designated body: no annotation is required"}},

    Entry{Code::kNotRevoked,
          {"not-revoked", "证书未被撤销（据已签名的撤销列表）", "the certificate is not revoked (per the signed revocation list)"}},

    Entry{Code::kNotChecked,
          {"not-checked", "未查验（之前的检查未能完成）", "not checked (an earlier check did not complete)"}},

    Entry{Code::kSealAuthorized,
          {"seal-authorized", "印章为该颁发单位的法定电子印章（据已签名的信任列表）",
           "the seal is the issuing body's authoritative seal (per the signed trust list)"}},

    Entry{Code::kNoSigningTime,
          {"no-signing-time", "印章未包含签名时间，按查验时间检查证书",
           "the seal carries no signing time; certificates were checked at the validation time"}},

    Entry{Code::kStructureRepaired,
          {"structure-repaired", "文件结构有损坏，已按内容重建后查验",
           "the file's structure is damaged; it was rebuilt from its contents for checking"}},

    Entry{Code::kSignatureUnsupported,
          {"signature-unsupported", "不支持此类电子印章格式，无法判断",
           "this kind of electronic seal is not supported; no conclusion is possible"}},
    Entry{Code::kTooManySignatures,
          {"too-many-signatures", "文件包含的电子印章过多，未全部查验",
           "the file carries too many seals to check them all"}},
    Entry{Code::kChainUntrusted,
          {"chain-untrusted", "印章证书不属于可信机构，无法确认印章来源",
           "the seal certificate does not chain to a trusted authority; its origin cannot be confirmed"}},
    Entry{Code::kNoTrustAnchors,
          {"no-trust-anchors", "没有可用的信任列表，无法确认印章来源",
           "no trust list is available; the seal's origin cannot be confirmed"}},
    Entry{Code::kSignerCertNotFound,
          {"signer-cert-not-found", "印章中找不到签名者证书",
           "the signer's certificate is not in the seal"}},
    Entry{Code::kFileTooLarge,
          {"file-too-large", "文件过大，未查验", "the file is too large to verify"}},
    Entry{Code::kNoSignedAttributes,
          {"no-signed-attributes", "印章签名不含签名属性，暂不支持",
           "the seal's signature has no signed attributes, which is not supported"}},

    Entry{Code::kUnreadable,
          {"unreadable", "文件无法读取", "the file cannot be read"}},

    Entry{Code::kEncrypted,
          {"encrypted", "文件已加密，无法查验", "the file is encrypted and cannot be verified"}},

    Entry{Code::kNoCertificateData,
          {"no-certificate-data", "文件中没有可读取的证书信息，无法判断加注与证书状态",
           "the file carries no readable certificate details, so annotation and status cannot be checked"}},
    Entry{Code::kCertificateDataMalformed,
          {"certificate-data-malformed", "证书信息格式有误，无法判断", "the certificate details are malformed; no conclusion is possible"}},

    Entry{Code::kSigningTimeInFuture,
          {"signing-time-in-future", "盖章时间晚于查验时间，请核对查验时间或设备时钟",
           "the seal was applied after the validation time: check the validation time or the device clock"}},

    Entry{Code::kRevocationListMissing,
          {"revocation-list-missing", "没有可用的撤销列表，无法确认证书是否已撤销",
           "no revocation list is available, so revocation cannot be ruled out"}},
    Entry{Code::kRevocationListBadSignature,
          {"revocation-list-bad-signature", "撤销列表签名无效或不是可信发布方签发，已忽略",
           "the revocation list's signature is invalid or not by the trusted publisher; it was ignored"}},
    Entry{Code::kRevocationListMalformed,
          {"revocation-list-malformed", "撤销列表格式有误", "the revocation list is malformed"}},
    Entry{Code::kRevocationListStale,
          {"revocation-list-stale", "撤销列表已过期（超过下次更新时间），请联网更新后再查验",
           "the revocation list is out of date (past its next update): go online and verify again"}},
    Entry{Code::kRevocationListRollback,
          {"revocation-list-rollback", "撤销列表比已见过的版本更旧，可能被回滚，已拒绝",
           "the revocation list is older than one already seen (a possible rollback); it was refused"}},
    Entry{Code::kRevocationShardMissing,
          {"revocation-shard-missing", "撤销列表分片未能获取", "the needed part of the revocation list could not be fetched"}},
    Entry{Code::kRevocationShardBad,
          {"revocation-shard-bad", "撤销列表分片与签名清单不符，已拒绝",
           "a part of the revocation list does not match its signed manifest; it was refused"}},

    Entry{Code::kTrustListMissing,
          {"trust-list-missing", "没有可用的信任列表，无法确认印章是否为颁发单位的印章",
           "no trust list is available, so the seal cannot be matched to the issuing body"}},
    Entry{Code::kTrustListBadSignature,
          {"trust-list-bad-signature", "信任列表签名无效，已忽略", "the trust list's signature is invalid; it was ignored"}},
    Entry{Code::kTrustListMalformed,
          {"trust-list-malformed", "信任列表格式有误", "the trust list is malformed"}},

    Entry{Code::kEmptyFile, {"empty-file", "文件为空", "the file is empty"}},
    Entry{Code::kNotPdf, {"not-pdf", "不是 PDF 文件", "the file is not a PDF"}},
    Entry{Code::kBytesBeforeHeader,
          {"bytes-before-header", "PDF 文件头之前有多余数据，未被印章覆盖",
           "there are bytes before the PDF header that the seal cannot vouch for"}},
    Entry{Code::kNoSignature,
          {"no-signature", "文件没有电子印章", "the file carries no electronic seal"}},
    Entry{Code::kByteRangeMalformed,
          {"byte-range-malformed", "印章的覆盖范围（ByteRange）无效",
           "the seal's covered range (ByteRange) is invalid"}},
    Entry{Code::kContentsMalformed,
          {"contents-malformed", "印章数据（Contents）缺失或为空",
           "the seal's data (Contents) is missing or empty"}},
    Entry{Code::kGapNotContents,
          {"gap-not-contents", "印章未覆盖的部分不是印章数据本身，文件可能被篡改",
           "the part the seal leaves out is not the seal data itself; the file may have been altered"}},
    Entry{Code::kTailUncovered,
          {"tail-uncovered", "盖章后文件被修改或追加了内容",
           "the file was changed or extended after it was sealed"}},
    Entry{Code::kDigestMismatch,
          {"digest-mismatch", "文件内容与印章不符，文件已被篡改",
           "the document does not match its seal; it has been altered"}},
    Entry{Code::kSignatureBad,
          {"signature-bad", "印章签名验证失败", "the seal's signature does not verify"}},
    Entry{Code::kDigestWeak,
          {"digest-weak", "印章使用了不安全的摘要算法（如 SHA-1）",
           "the seal uses a weak digest algorithm (such as SHA-1)"}},
    Entry{Code::kChainBroken,
          {"chain-broken", "印章证书链的签名无效", "a signature in the seal's certificate chain is invalid"}},
    Entry{Code::kCertExpiredAtSigning,
          {"cert-expired-at-signing", "盖章时印章证书不在有效期内",
           "a seal certificate was outside its validity period when the seal was applied"}},
    Entry{Code::kKeyUsageWrong,
          {"key-usage-wrong", "印章证书不允许用于签名",
           "the seal certificate is not allowed to sign documents"}},
    Entry{Code::kNotDetached,
          {"not-detached", "印章签名格式不符合要求（非分离式签名）",
           "the seal's signature is not a detached signature"}},
    Entry{Code::kSignerInfoCount,
          {"signer-info-count", "印章必须恰好包含一个签名者",
           "the seal must contain exactly one signer"}},
    Entry{Code::kCmsUnparseable,
          {"cms-unparseable", "印章数据无法解析", "the seal's signature data cannot be parsed"}},
    Entry{Code::kSignatureNotSigned,
          {"signature-not-signed", "印章的覆盖范围声明本身未被印章覆盖",
           "the seal's own range declaration is not covered by the seal"}},
    Entry{Code::kStructureUnreadable,
          {"structure-unreadable", "文件结构损坏，无法读取", "the file's structure is broken and cannot be read"}},
    Entry{Code::kSignatureAmbiguous,
          {"signature-ambiguous", "印章字典含有重复的关键字段，存在歧义，可能是伪造",
           "the seal dictionary repeats a key field, which is ambiguous and a sign of forgery"}},
    Entry{Code::kAnnotationMissing,
          {"annotation-missing", "2021年12月17日后颁发的证书须经加注方可使用，本证书未加注；请持证人申请加注后重新提供",
           "certificates issued from 2021-12-17 are usable only when annotated; this one is not: ask the holder for an annotated copy"}},
    Entry{Code::kAnnotationExpired,
          {"annotation-expired", "加注件已过期，请持证人重新申请加注后提供新的证书文件",
           "the annotation has expired: ask the holder for a newly annotated certificate"}},
    Entry{Code::kAnnotationNotYetValid,
          {"annotation-not-yet-valid", "加注尚未生效，未到加注有效期", "the annotation is not in force yet: its validity period has not begun"}},
    Entry{Code::kAnnotationScenarioUnknown,
          {"annotation-scenario-unknown", "加注的使用场景无法识别", "the annotation's usage scenario is not one we know"}},
    Entry{Code::kAnnotationWindowTooLong,
          {"annotation-window-invalid", "加注有效期超过90日或起止日期有误", "the annotation's validity period exceeds 90 days or is inverted"}},
    Entry{Code::kRevoked,
          {"revoked", "证书已撤销，不能作为有效证书使用", "the certificate has been revoked and is not valid"}},
    Entry{Code::kSealWrongBody,
          {"seal-wrong-body", "证书所盖印章不是其颁发单位的印章（如协会证书加盖了部印章）",
           "the certificate carries another body's seal, not its issuing body's (e.g. an association certificate with the ministry's seal)"}},
    Entry{Code::kSealNotListed,
          {"seal-not-listed", "该印章不在信任列表中，不是任何颁发单位的法定印章",
           "this seal is not in the trust list: it is no issuing body's authoritative seal"}},
    Entry{Code::kSealNotForQualification,
          {"seal-not-for-qualification", "该印章不用于此类职业资格证书", "this seal is not used for certificates of this qualification"}},
    Entry{Code::kSealNotYetAuthoritative,
          {"seal-not-yet-authoritative", "证书签发时该印章尚未启用（如部印章自2021年12月17日起使用）",
           "the seal was not yet in use when the certificate was issued (the ministry's seal is used from 2021-12-17)"}},
    Entry{Code::kModifiedAfterSealing,
          {"modified-after-sealing", "盖章后文件又被修改（其后还有新的修订或印章）",
           "the file was modified after this seal was applied (later revisions or seals follow it)"}},
};

constexpr Message kUnknown{"unknown", "未知原因", "unknown reason"};

}  // namespace

const Message& message_for(Code code) noexcept {
  const auto it = std::find_if(kMessages.begin(), kMessages.end(),
                               [code](const Entry& e) { return e.code == code; });
  return it == kMessages.end() ? kUnknown : it->message;
}

}  // namespace sealcheck
