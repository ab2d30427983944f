<?xml version="1.0" encoding="UTF-8"?>
<!-- form.xsl: a form to fill in (see _form.xsl for the controls); a form
     for a case says which case (<for>: the log's head, the measure being
     evaluated, or the concern) above the form. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="form/errors/error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="form/title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <h1><xsl:apply-templates select="form/title" mode="text"/></h1>
    <xsl:apply-templates select="for"/>
    <xsl:if test="notice"><p class="notice" role="status"><xsl:value-of select="notice"/></p></xsl:if>
    <xsl:if test="form/@id = 'concern' or (form/@id = 'cw-report' and for)">
      <div class="callout urgent">
        <p><strong><xsl:value-of select="i:t('Is a child in danger now? Phone the child welfare emergency service (barnevernvakten) or the police on 112 first.')"/></strong></p>
        <xsl:if test="@emergency-tel">
          <p>
            <xsl:value-of select="i:t('The child welfare emergency service:')"/>
            <xsl:text> </xsl:text>
            <a class="tel" href="tel:{@emergency-tel}"><xsl:value-of select="@emergency-phone"/></a>
          </p>
        </xsl:if>
      </div>
    </xsl:if>
    <xsl:if test="form/@id = 'cw-report' and for and not(form/errors/error)">
      <p class="lead" id="prefilled"><xsl:value-of select="i:t('What is already known is filled in: read it through, correct what is wrong, and fill in what is missing.')"/></p>
    </xsl:if>
    <xsl:apply-templates select="form" mode="edit"/>
    <xsl:choose>
      <xsl:when test="for/log">
        <p><a href="/logs/{for/log/@id}"><xsl:value-of select="i:t('Back to the relay log without sending')"/></a></p>
      </xsl:when>
      <xsl:when test="for/@concern">
        <p><a href="/concerns/{for/@concern}"><xsl:value-of select="i:t('Back to the concern without sending')"/></a></p>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- Which case the form is for. -->
  <xsl:template match="for">
    <xsl:for-each select="log"><xsl:call-template name="log-head"/></xsl:for-each>
    <xsl:if test="@concern and not(log)">
      <div class="case-head">
        <p class="case-child"><a href="/concerns/{@concern}"><xsl:value-of select="i:t('For a concern')"/></a></p>
      </div>
    </xsl:if>
    <xsl:for-each select="measure">
      <section class="card" aria-labelledby="measure-title">
        <h2 id="measure-title" class="card-title"><xsl:value-of select="i:t('The measure: {0}', what)"/></h2>
        <dl class="facts">
          <dt><xsl:value-of select="i:t('Goal')"/></dt>
          <dd class="text"><xsl:value-of select="goal"/></dd>
          <dt><xsl:value-of select="i:t('Responsible')"/></dt>
          <dd><xsl:value-of select="@responsible"/></dd>
          <dt><xsl:value-of select="i:t('Started')"/></dt>
          <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@start"/></xsl:call-template></dd>
          <dt><xsl:value-of select="i:t('Evaluate by')"/></dt>
          <dd>
            <xsl:call-template name="date"><xsl:with-param name="d" select="@evaluation"/></xsl:call-template>
            <xsl:if test="@overdue"><xsl:text> </xsl:text><strong class="tag overdue"><xsl:value-of select="i:t('Evaluation overdue')"/></strong></xsl:if>
          </dd>
        </dl>
      </section>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
