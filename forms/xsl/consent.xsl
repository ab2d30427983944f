<?xml version="1.0" encoding="UTF-8"?>
<!--
  consent.xsl: one consent (samtykke): which services it covers, for
  what, how long, how it was given, and what was signed; the scanned
  paper form (download, or upload when it is missing); and withdrawal as
  a confirmation step (?withdraw=1 shows "are you sure" and a button that
  posts confirm=yes), without JavaScript. View: h_consent.c.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="consent/scan-error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('Consent')"/>
    <xsl:text> – </xsl:text>
    <xsl:value-of select="log/@reference"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="c" select="consent"/>
    <xsl:variable name="l" select="log"/>
    <xsl:variable name="can-withdraw" select="$c/@status = 'active' and $l/rights/@withdraw"/>
    <xsl:if test="$c/scan-error">
      <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('The file was not uploaded. Correct this:')"/></h2>
        <ul><li><a href="#scan-file"><xsl:value-of select="$c/scan-error"/></a></li></ul>
      </div>
    </xsl:if>
    <h1><xsl:value-of select="i:t('Consent to interdisciplinary cooperation')"/></h1>
    <xsl:for-each select="$l"><xsl:call-template name="log-head"/></xsl:for-each>
    <xsl:if test="$c/@confirm-withdraw and $can-withdraw">
      <section class="confirm" aria-labelledby="confirm-title">
        <h2 id="confirm-title"><xsl:value-of select="i:t('Are you sure you want to withdraw this consent?')"/></h2>
        <xsl:variable name="services"><xsl:for-each select="$c"><xsl:call-template name="consent-covers"/></xsl:for-each></xsl:variable>
        <ul>
          <li><xsl:value-of select="i:t('Sharing with {0} stops at once.', $services)"/></li>
          <li><xsl:value-of select="i:t('People from services that no other valid consent covers lose access to the relay log.')"/></li>
          <li><xsl:value-of select="i:t('Notices to those services that have not gone out yet are not sent.')"/></li>
          <li><xsl:value-of select="i:t('It cannot be undone: to share again, a new consent must be given.')"/></li>
        </ul>
        <div class="actions-row">
          <form method="post" action="/consents/{$c/@id}/withdraw" class="inline-form">
            <input type="hidden" name="csrf" value="{csrf}"/>
            <input type="hidden" name="idem" value="{/page/idem}"/>
            <input type="hidden" name="confirm" value="yes"/>
            <button type="submit" class="primary danger-button"><xsl:value-of select="i:t('Yes, withdraw the consent')"/></button>
          </form>
          <a href="/consents/{$c/@id}"><xsl:value-of select="i:t('No, keep the consent')"/></a>
        </div>
      </section>
    </xsl:if>
    <p class="card-state">
      <xsl:for-each select="$c"><xsl:call-template name="consent-state"/></xsl:for-each>
    </p>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Services')"/></dt>
      <dd><xsl:for-each select="$c"><xsl:call-template name="consent-covers"/></xsl:for-each></dd>
      <dt><xsl:value-of select="i:t('Valid')"/></dt>
      <dd>
        <xsl:variable name="from"><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@from"/></xsl:call-template></xsl:variable>
        <xsl:variable name="to"><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@expires"/></xsl:call-template></xsl:variable>
        <xsl:value-of select="i:t('{0} to {1}', $from, $to)"/>
      </dd>
      <dt><xsl:value-of select="i:t('Purpose')"/></dt>
      <dd class="text"><xsl:value-of select="$c/purpose"/></dd>
      <dt><xsl:value-of select="i:t('Given')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$c/@method = 'paper'"><xsl:value-of select="i:t('on paper')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('digitally')"/></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:value-of select="i:t('Recorded')"/></dt>
      <dd>
        <xsl:value-of select="$c/@by"/>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@created"/></xsl:call-template>
      </dd>
      <xsl:if test="$c/@status = 'withdrawn'">
        <dt><xsl:value-of select="i:t('Withdrawn')"/></dt>
        <dd>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@withdrawn"/></xsl:call-template>
          <xsl:if test="$c/@withdrawn-by"><xsl:text>, </xsl:text><xsl:value-of select="$c/@withdrawn-by"/></xsl:if>
        </dd>
      </xsl:if>
    </dl>
    <xsl:if test="$c/@method = 'paper'">
      <section aria-labelledby="scan-title" id="scan">
        <h2 id="scan-title"><xsl:value-of select="i:t('The signed paper form')"/></h2>
        <xsl:choose>
          <xsl:when test="$c/@scan">
            <p><a href="/consents/{$c/@id}/scan"><xsl:value-of select="i:t('Download the scanned form')"/></a></p>
          </xsl:when>
          <xsl:otherwise>
            <p><strong class="tag warn"><xsl:value-of select="i:t('Scan missing')"/></strong><xsl:text> </xsl:text><xsl:value-of select="i:t('The signed form has not been attached yet.')"/></p>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$l/rights/@manage">
          <form method="post" action="/consents/{$c/@id}/attachment" enctype="multipart/form-data" class="upload">
            <input type="hidden" name="csrf" value="{csrf}"/>
            <input type="hidden" name="idem" value="{/page/idem}"/>
            <div class="field">
              <xsl:if test="$c/scan-error"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
              <label for="scan-file">
                <xsl:choose>
                  <xsl:when test="$c/@scan"><xsl:value-of select="i:t('Attach a new scan')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('Attach the scanned form')"/></xsl:otherwise>
                </xsl:choose>
              </label>
              <div class="hint" id="scan-file-hint"><xsl:value-of select="i:t('A PDF, PNG or JPEG file of at most {0} MB.', $c/@scan-max-mb)"/></div>
              <xsl:if test="$c/scan-error">
                <p class="field-error" id="scan-file-error"><span class="visually-hidden"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></span><xsl:value-of select="$c/scan-error"/></p>
              </xsl:if>
              <input type="file" id="scan-file" name="file" accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg">
                <xsl:attribute name="aria-describedby">
                  <xsl:text>scan-file-hint</xsl:text>
                  <xsl:if test="$c/scan-error"><xsl:text> scan-file-error</xsl:text></xsl:if>
                </xsl:attribute>
                <xsl:if test="$c/scan-error">
                  <xsl:attribute name="aria-invalid">true</xsl:attribute>
                  <xsl:attribute name="autofocus">autofocus</xsl:attribute>
                </xsl:if>
              </input>
            </div>
            <button type="submit" class="secondary"><xsl:value-of select="i:t('Upload')"/></button>
          </form>
        </xsl:if>
      </section>
    </xsl:if>
    <xsl:if test="$can-withdraw and not($c/@confirm-withdraw)">
      <p><a class="danger" href="/consents/{$c/@id}?withdraw=1"><xsl:value-of select="i:t('Withdraw the consent')"/></a></p>
    </xsl:if>
    <xsl:if test="$c/form">
      <h2><xsl:value-of select="i:t('What was agreed')"/></h2>
      <xsl:apply-templates select="$c/form" mode="show"/>
    </xsl:if>
    <p><a href="/logs/{$l/@id}#consents"><xsl:value-of select="i:t('Back to the relay log')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
